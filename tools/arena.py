#!/usr/bin/env python3
"""Seat-by-seat skill of the searching AI: for each shipped scenario and each
side, `normal` in that seat against `easy`, and `easy` against `easy`, over
the same seeds; beside them the historical orders in the seat against easy
and normal. Prints a Markdown table.

    cargo build --release --no-default-features
    python3 tools/arena.py [--games 100] [--anxi target/release/anxi]
"""
import argparse
import json
import subprocess

SCENARIOS = ["644_karasahr", "648_karasahr", "670_tarim_basin", "717_aksu"]


def arena(anxi, scenario, a, b, games, seed):
    out = subprocess.run(
        [anxi, "arena", scenario, "--side-a", a, "--side-b", b,
         "--games", str(games), "--seed", str(seed), "--json"],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--games", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--anxi", default="target/release/anxi")
    args = p.parse_args()
    print("| scenario | seat | easy v easy | normal v easy | history v easy | history v normal | normal thinks (median / p95 ms) |")
    print("|---|---|---|---|---|---|---|")
    for s in SCENARIOS:
        for seat in ("a", "b"):
            other = "b" if seat == "a" else "a"

            def run(me, them):
                sides = {seat: me, other: them}
                return arena(args.anxi, s, sides["a"], sides["b"], args.games, args.seed)

            def share(r):
                x = r[seat]
                lo, hi = x["win_share_ci"]
                return f"{100 * x['win_share']:.0f}% ({100 * lo:.0f}-{100 * hi:.0f})"

            ee = run("easy", "easy")
            ne = run("normal", "easy")
            he = run("history", "easy")
            hn = run("history", "normal")
            t = ne["think_ms"][seat]
            think = f"{t['median']:.0f} / {t['p95']:.0f}" if t else "-"
            print(f"| {s} | {ne[seat]['side']} | {share(ee)} | {share(ne)} | {share(he)} | {share(hn)} | {think} |",
                  flush=True)


if __name__ == "__main__":
    main()
