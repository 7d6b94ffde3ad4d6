"""Import of a legacy export (legacy-export.md) into the consolidated schema
(consolidated-schema.md, section 4).

Pipeline: manifest (verify files, before any database access) -> reader
(stream + validate each JSONL line) -> transform (legacy row -> target rows,
pure) -> load (COPY into temp staging tables, then set-based merge) ->
integrity (duplicates, unique clashes, orphans) -> report.
Entry point: run.run_import().
"""
