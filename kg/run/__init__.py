"""How the stages run at scale: the build workflow, worker processes, the extraction cache and the merge onto the last build."""
