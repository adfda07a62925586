"""Batch ingest on Ray (`insights batch DIR`): a folder of .jsonl/.csv/.txt files anonymised and embedded by a pool
of Ray actors, each holding its own anonymiser and embedder, and written by the driver alone.

    shards.py   the driver's plan: which files, how many notes each, cut into (path, start, stop) ranges
    worker.py   the actor: reads its own range of a file, anonymises and embeds it, returns anonymised notes only
    run.py      starts (or joins) Ray, runs the actor pool, and stores each file through the pipeline's own
                `store_anonymised`, in file order, exactly as `insights ingest` of each file would

Raw text stays inside the worker that read it: the object store carries file paths and ranges in, anonymised
notes, rejections (file and row, never text) and vectors out. Nothing of Ray is imported until a batch runs."""
