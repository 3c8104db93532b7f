"""Stages 2-4 on spaCy: segment (jieba), recognize (entities), relate (relations)."""
