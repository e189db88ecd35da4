# Derives train.tsv.gz and test.tsv.gz from GoEmotions (Demszky et al., ACL 2020; Apache-2.0),
# as grouped into sentiments by github.com/monologg/GoEmotions-pytorch at commit
# b75f9d3a8b76bc1060687925b04ca98a1b8ea66b (data/group: 0 ambiguous, 1 negative, 2 neutral, 3 positive).
# Only comments with exactly one of negative/neutral/positive are kept; train: 3,000 of each from
# train.tsv (seed 20200601); test: every such comment of test.tsv. Run from that repository's root.
import collections, gzip, random, subprocess

names = {'1': 'negative', '2': 'neutral', '3': 'positive'}


def rows(split):
    out = []
    text = subprocess.run(['git', 'show', 'HEAD:data/group/%s.tsv' % split], capture_output=True, text=True).stdout
    for line in text.splitlines():
        t, label, _ = line.split('\t')
        if label in names:
            out.append((t.replace('\t', ' ').strip(), names[label]))
    return out


train, test = rows('train'), rows('test')
rnd = random.Random(20200601)
by = collections.defaultdict(list)
for t, label in train:
    by[label].append((t, label))
sample = []
for label in sorted(by):
    rnd.shuffle(by[label])
    sample += by[label][:3000]
rnd.shuffle(sample)
for name, data in (('train', sample), ('test', test)):
    with gzip.GzipFile('%s.tsv.gz' % name, 'wb', mtime=0) as f:
        f.write(''.join('%s\t%s\n' % (t, label) for t, label in data).encode())
