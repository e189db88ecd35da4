# Shared by the extract.py scripts beside it: samples a training split with the same number of
# texts per label and writes both splits as gzipped "text TAB label" lines (no time stamp).
import collections, gzip, random


def write_splits(train, test, per_label, seed):
    rnd = random.Random(seed)
    by = collections.defaultdict(list)
    for text, label in train:
        by[label].append((text, label))
    sample = []
    for label in sorted(by):
        rnd.shuffle(by[label])
        sample += by[label][:per_label]
    rnd.shuffle(sample)
    for name, data in (('train', sample), ('test', test)):
        with gzip.GzipFile('%s.tsv.gz' % name, 'wb', mtime=0) as f:
            f.write(''.join('%s\t%s\n' % (t, label) for t, label in data).encode())
