"""Sign-in to the admin with Better-Auth identities: password (+ TOTP) and
single sign-on from the frontend's session cookie; roles -> Django groups."""
