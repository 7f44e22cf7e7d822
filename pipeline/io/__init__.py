"""Input and output: batch settings, the table schema, and the out folder's store of Parquet parts."""
