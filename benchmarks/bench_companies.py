"""Company extraction on the labelled set: taskqual's rules against natasha's slovnet NER, side by side.

    python benchmarks/bench_companies.py [--natasha-path DIR] [--errors]

Prints precision, recall, exact-form matches and the cost per text (morphology caches warm, per-text cache cleared,
one process) for taskqual's rules (``taskqual.companies.company_in``), for what ``Verdict.company`` reports (the
rules' name when ``taskqual.company_gate.certain_span`` finds its span certain) and, when the ``natasha``
package can be imported (it ships its slovnet and navec models inside the wheel and runs offline), for natasha's NER:
the first ORG span, with a legal form written before it kept, scored the same way
(tests/company_set.py). ``--natasha-path`` adds a directory to ``sys.path`` (e.g. a
``pip install --target`` folder, to keep natasha out of the project's environment).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from company_set import Score, load_set, score  # noqa: E402

from taskqual.companies import LEGAL_FORMS, _locate, company_in  # noqa: E402
from taskqual.company_gate import certain_span  # noqa: E402
from taskqual.normalize import normalize  # noqa: E402


def rules(text: str) -> str | None:
    return company_in(text, normalize(text))


def verdict_company(text: str) -> str | None:
    """What ``Verdict.company`` reports: the rules' name when the company gate finds its span certain."""
    norm = normalize(text)
    name = company_in(text, norm)
    return name if name and certain_span(norm) else None


def natasha_extractor():
    """natasha's NER as an extractor: the first ORG span, with a legal form right before it."""
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())

    def extract(text: str) -> str | None:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        for span in doc.spans:
            if span.type == "ORG":
                before = text[: span.start].split()
                name = span.text
                if (
                    before
                    and before[-1].lower().strip(".") in LEGAL_FORMS
                    and not name.lower().startswith(before[-1].lower())
                ):
                    name = f"{before[-1].upper()} {name}"
                return name.replace('"', "«", 1).replace('"', "»", 1)
        return None

    return extract


def show(name: str, s: Score) -> None:
    print(
        f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.exact}/{s.gold} | {s.predicted} | {s.us_per_text:,.0f} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--natasha-path", help="directory to add to sys.path before importing natasha")
    ap.add_argument("--errors", action="store_true", help="print every wrong or missed company")
    args = ap.parse_args()
    records = load_set()
    print(f"{len(records)} texts, {sum(r['company'] is not None for r in records)} with a company\n")
    print("| extractor | precision | recall | exact form | reported | µs per text (warm) |")
    print("|---|---:|---:|---:|---:|---:|")
    score(rules, records)  # warm the morphology caches (word forms repeat in any real backlog)
    _locate.cache_clear()  # but not the per-text cache: every text is searched again
    s = score(rules, records)
    show("taskqual rules", s)
    results = [("taskqual rules", s)]
    certain_span.cache_clear()
    v = score(verdict_company, records)
    show("taskqual rules + gate (Verdict.company)", v)
    results.append(("taskqual rules + gate", v))
    if args.natasha_path:
        sys.path.append(args.natasha_path)
    try:
        t0 = time.perf_counter()
        extract = natasha_extractor()
        load = time.perf_counter() - t0
    except ImportError as e:
        print(f"\nnatasha not measured: {e}")
    else:
        score(extract, records[:20])
        n = score(extract, records)
        show("natasha NER (slovnet)", n)
        results.append(("natasha NER (slovnet)", n))
        print(f"\nnatasha model load: {load:.2f} s")
    if args.errors:
        for name, r in results:
            print(f"\n{name}: text | gold | reported")
            for text, gold, got in r.errors:
                print(f"  {text} | {gold} | {got}")


if __name__ == "__main__":
    main()
