#!/usr/bin/env python3
"""Differential test of `dnd roll` against the Python `d20` package (PyPI).

A seeded generator writes 2,000 expressions (valid ones from the shared d20 grammar, and broken
ones made by mutating them). For each: the accept/reject verdicts of `d20` and of `dnd` must
agree, and for expressions both accept, every total `d20` rolls must lie inside the exact
[min, max] that `dnd roll --stats` computes. Differences that are deliberate are listed in
DELIBERATE and counted separately; any other difference fails the run.

Usage: differential.py PATH_TO_DND [COUNT]
"""
import json
import random
import subprocess
import sys

import d20

DND = sys.argv[1]
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
rng = random.Random(20241124)

# Deliberate differences: (name, predicate on the expression, what differs).
DELIBERATE = [
    ("unary plus", lambda e: e.lstrip().startswith("+") or "(+" in e or "+ +" in e or "- +" in e or "* +" in e,
     "dnd accepts a unary plus (`+1d6`), as it accepts a unary minus; d20 refuses it"),
    ("mi/ma with a selector", lambda e: __import__("re").search(r"m[ia][hl<>]", e) is not None,
     "dnd takes `miN`/`maN` with a number only; d20 also parses a selector there (`mah3`)"),
]


def term():
    kind = rng.random()
    if kind < 0.55:
        n = rng.randint(1, 8)
        sides = rng.choice([4, 6, 8, 10, 12, 20, 100])
        t = f"{n}d{sides}" if rng.random() < 0.9 else f"d{sides}"
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            op = rng.choice(["kh", "kl", "ph", "pl", "k>", "k<", "rr", "ro", "ra", "e", "mi", "ma"])
            if op in ("mi", "ma"):
                t += f"{op}{rng.randint(1, sides)}"
            elif op in ("kh", "kl", "ph", "pl"):
                t += f"{op}{rng.randint(1, n)}"
            elif op in ("k>", "k<"):
                t += f"{op}{rng.randint(1, sides)}"
            elif op == "e":
                t += f"e{sides}" if sides > 2 else "e>1"
            else:
                sel = rng.choice(["<", ">", ""])
                v = 1 if sel != ">" else sides - 1
                t += f"{op}{sel}{v}"
        return t
    if kind < 0.75:
        return str(rng.randint(0, 20))
    if kind < 0.85:
        items = ", ".join(f"{rng.randint(1, 3)}d{rng.choice([4, 6, 8])}" for _ in range(rng.randint(2, 3)))
        return f"({items})kh1"
    return f"({rng.randint(1, 4)}d{rng.choice([4, 6])}+{rng.randint(0, 5)})"


def expression():
    e = term()
    for _ in range(rng.choice([0, 1, 1, 2])):
        op = rng.choice(["+", "-", "+", "*", "//", "%", "/"])
        right = term()
        if op in ("//", "%", "/"):
            right = str(rng.randint(1, 6))
        e = f"{e} {op} {right}"
    if rng.random() < 0.1:
        e = f"{e} [{rng.choice(['fire', 'cold', 'radiant'])}]"
    if rng.random() < 0.05:
        e = f"{e} >= {rng.randint(5, 20)}"
    return e


def mutate(e):
    i = rng.randrange(len(e) + 1)
    c = rng.choice(["d", "k", "h", "(", ")", "+", "*", "[", ",", "x", "", ""])
    if c == "" and len(e) > 1:
        return e[:i] + e[i + 1:]
    return e[:i] + c + e[i:]


def dnd(args):
    p = subprocess.run([DND, "roll", *args], capture_output=True, text=True)
    return p.returncode, p.stdout


def dnd_verdict(e):
    code, out = dnd([e, "--seed", "1", "--json"])
    if code == 0:
        return True, None
    err = json.loads(out)["error"]["code"]
    # Only syntax and nesting are verdicts on the text; too many dice or / 0 are roll-time refusals.
    return err not in ("dice.syntax", "dice.too_complex"), err


def d20_verdict(e):
    try:
        d20.parse(e)
        return True
    except d20.RollSyntaxError:
        return False


exprs = []
while len(exprs) < COUNT:
    e = expression()
    exprs.append(mutate(e) if rng.random() < 0.3 else e)

mismatch, deliberate, sampled, agree = [], {}, 0, 0
for e in exprs:
    ours, why = dnd_verdict(e)
    theirs = d20_verdict(e)
    if ours != theirs:
        name = next((n for n, pred, _ in DELIBERATE if pred(e)), None)
        if name:
            deliberate[name] = deliberate.get(name, 0) + 1
        else:
            mismatch.append(f"{e!r}: dnd {'accepts' if ours else 'refuses (' + str(why) + ')'}, d20 {'accepts' if theirs else 'refuses'}")
        continue
    agree += 1
    if not ours or why is not None:
        continue
    code, out = dnd([e, "--stats", "--json"])
    if code != 0:
        continue  # intractable for exact stats: verdicts still compared
    s = json.loads(out)
    for _ in range(10):
        try:
            # `.total` is d20's integer rendering of the result; `.expr.total` is the value itself.
            t = d20.roll(e).expr.total
        except (d20.RollError, ZeroDivisionError):
            break
        if not (s["min"] - 1e-9 <= t <= s["max"] + 1e-9):
            mismatch.append(f"{e!r}: d20 rolled {t}, outside exact [{s['min']}, {s['max']}]")
            break
        sampled += 1

print(f"d20 differential: {len(exprs)} expressions, {agree} same verdict, {sampled} d20 samples inside exact bounds, "
      f"deliberate differences {deliberate or 'none'}, {len(mismatch)} unexplained")
for m in mismatch[:40]:
    print("  " + m)
passed = 0 if mismatch else 1
print(f"{passed} passed, {1 - passed} failed")
sys.exit(1 if mismatch else 0)
