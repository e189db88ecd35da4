# Derives train.tsv.gz and test.tsv.gz from the Twitter Financial News sentiment data set
# (zeroshot/twitter-financial-news-sentiment, MIT License): finance news headlines as posted on
# Twitter, labelled 0 bearish, 1 bullish, 2 neutral (taken here as negative, positive, neutral).
# Copy used: github.com/umaima-aman/Twee_Sentiment_Analysis-DeepLearning at commit
# 0286b19b35c7d658dc28068381c765df4758545a (sent_train.csv, sent_valid.csv).
# train: 1,400 of each label from sent_train.csv (seed 20221107); test: all of sent_valid.csv.
# Run from that repository's root.
import csv, io, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from sample_splits import write_splits  # noqa: E402

names = {'0': 'negative', '1': 'positive', '2': 'neutral'}


def rows(name):
    text = subprocess.run(['git', 'show', 'HEAD:' + name], capture_output=True, text=True).stdout
    return [(' '.join(r['text'].split()), names[r['label']]) for r in csv.DictReader(io.StringIO(text))]


train, test = rows('sent_train.csv'), rows('sent_valid.csv')
write_splits(train, test, 1400, 20221107)
