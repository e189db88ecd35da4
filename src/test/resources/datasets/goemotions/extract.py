# Derives train.tsv.gz and test.tsv.gz from GoEmotions (Demszky et al., ACL 2020; Apache-2.0),
# as grouped into sentiments by github.com/monologg/GoEmotions-pytorch at commit
# b75f9d3a8b76bc1060687925b04ca98a1b8ea66b (data/group: 0 ambiguous, 1 negative, 2 neutral, 3 positive).
# Only comments with exactly one of negative/neutral/positive are kept; train: 8,000 of each from
# train.tsv (seed 20200601); test: every such comment of test.tsv. Run from that repository's root.
import os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from sample_splits import write_splits  # noqa: E402

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
write_splits(train, test, 8000, 20200601)
