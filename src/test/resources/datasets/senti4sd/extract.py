# Derives train.tsv.gz and test.tsv.gz from the Senti4SD gold standard (Calefato, Lanubile,
# Maiorano and Novielli, "Sentiment Polarity Detection for Software Development", Empirical
# Software Engineering 23(3), 2018): Stack Overflow questions, answers and comments, each labelled
# positive, negative or neutral by three raters. Copy used: github.com/collab-uniba/Senti4SD at
# commit 8a3467e9e8dbaa0af9343862aadc83a56a4668bc (MIT),
# Senti4SD_GoldStandard_and_DSM/Senti4SD_Train_Test_Partitions/{train3098,test1326}itemPOLARITY.csv.
# train: every text of the train partition; test: every text of the test partition.
# Whitespace runs (line breaks in code and quotes) become one space. Run from that repository's root.
import csv, io, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from sample_splits import write_splits  # noqa: E402

PARTITIONS = 'Senti4SD_GoldStandard_and_DSM/Senti4SD_Train_Test_Partitions/'


def rows(name):
    text = subprocess.run(['git', 'show', 'HEAD:' + PARTITIONS + name], capture_output=True, check=True).stdout.decode('utf-8')
    return [(' '.join(post.split()), label) for _, label, post in csv.reader(io.StringIO(text, newline=''), delimiter=';')]


train = rows('train3098itemPOLARITY.csv')
write_splits(train, rows('test1326itemPOLARITY.csv'), len(train), 20180601)  # per label: no cap, every post
