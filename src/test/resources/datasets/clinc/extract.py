# Derives train.tsv.gz and test.tsv.gz from CLINC150 (Larson et al., "An Evaluation Dataset for
# Intent Classification and Out-of-Scope Prediction", EMNLP 2019; CC BY 3.0): requests people
# typed to a task assistant (banking, travel, cooking, cars, work, home, small talk), all read here
# as neutral. Copy used: github.com/clinc/oos-eval at commit 828f8093932c8fe6ca7936c3d2e52903b1c523de
# (data/data_full.json). Intents whose texts carry or quote sentiment are left out: thanks,
# greetings, goodbyes, jokes, yes/no/maybe, translations and spellings of quoted phrases,
# definitions, restaurant reviews, the meaning of life. Out-of-scope requests are left out too.
# train: 2,000 texts of the train split (seed 20191103); test: all kept texts of the test split.
# Run from that repository's root.
import json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from sample_splits import write_splits  # noqa: E402

SKIPPED = {'thank_you', 'greeting', 'goodbye', 'tell_joke', 'yes', 'no', 'maybe', 'translate', 'spelling', 'definition',
           'restaurant_reviews', 'meaning_of_life'}

data = json.loads(subprocess.run(['git', 'show', 'HEAD:data/data_full.json'], capture_output=True, text=True).stdout)


def rows(split):
    return [(' '.join(text.split()), 'neutral') for text, intent in data[split] if intent not in SKIPPED]


write_splits(rows('train'), rows('test'), 2000, 20191103)
