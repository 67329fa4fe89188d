"""MinHash signatures of many short texts at once, and LSH candidate pairs (datasketch).

datasketch's ``MinHash.update`` hashes one shingle at a time in Python; for 100,000 reports that is
hundreds of millions of calls. Here the character shingles of all texts are hashed together with
numpy (a polynomial hash of the code points), and datasketch's own permutations turn them into
signatures; datasketch's ``MinHashLSH`` then finds the candidate pairs without comparing every pair.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

SEED = 1
SCHEME = "affine32"  # datasketch ≥ 2: phv = a·fmix32(h) + b mod 2^32 (wrapping uint32)
MAX_HASH = np.uint64((1 << 32) - 1)
CHUNK = 200_000  # shingles per block of the (shingles × permutations) matrix


def shingle_hashes(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """32-bit hashes of every k-character shingle of every text, and where each text's run starts.

    All texts are hashed in one pass over their joined code points; a text shorter than k is padded
    to k, so every text has at least one shingle."""
    padded = [t if len(t) >= k else t.ljust(k) for t in texts]
    lengths = np.fromiter((len(t) for t in padded), dtype=np.int64, count=len(padded))
    cp = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cp) - k + 1
    h = np.zeros(max(n, 0), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):  # h[i] = Σ cp[i+j]·P^(k-1-j), wrapping mod 2^64
            h = h * np.uint64(1_000_003) + cp[j : j + n]
    # Keep the shingles that start and end inside one text.
    counts = lengths - k + 1
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    idx = np.repeat(offsets - starts, counts) + np.arange(int(counts.sum()))
    allh = h[idx]
    # Fold to 32 bits, then the MurmurHash3 finalizer datasketch applies before its permutations.
    h32 = ((allh ^ (allh >> np.uint64(29))) & MAX_HASH).astype(np.uint32)
    return _fmix32(h32), starts.astype(np.int64)


def _fmix32(h: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        return h ^ (h >> np.uint32(16))


def signatures(texts: Sequence[str], k: int, num_perm: int, sample: int = 1) -> np.ndarray:
    """One MinHash signature (``num_perm`` values, datasketch's permutations) per text.

    ``sample`` > 1 keeps only the shingles whose hash is 0 modulo ``sample`` (Broder's mod-m
    sampling: the Jaccard of the sampled sets estimates that of the full sets), for long texts such
    as whole documents. A text left with no shingle gets the empty signature (all maximal)."""
    if not texts:
        return np.zeros((0, num_perm), dtype=np.uint32)
    hashes, starts = shingle_hashes(texts, k)
    if sample > 1:
        counts = np.diff(np.append(starts, len(hashes)))
        keep = hashes % np.uint32(sample) == 0
        owner = np.repeat(np.arange(len(texts)), counts)[keep]
        hashes = hashes[keep]
        kept = np.bincount(owner, minlength=len(texts))
        full = np.full((len(texts), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        nonempty = kept > 0
        runs = np.concatenate([[0], np.cumsum(kept[nonempty])[:-1]])
        full[nonempty] = signatures_of(hashes, runs, num_perm)
        return full
    return signatures_of(hashes, starts, num_perm)


def signatures_of(hashes: np.ndarray, starts: np.ndarray, num_perm: int) -> np.ndarray:
    """Signatures of non-empty runs of shingle hashes (run i starts at ``starts[i]``)."""
    a, b = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    n = len(starts)
    out = np.empty((n, num_perm), dtype=np.uint32)
    ends = np.append(starts[1:], len(hashes))
    i = 0
    while i < n:  # blocks of whole texts, about CHUNK shingles each
        j = int(np.searchsorted(starts, starts[i] + CHUNK, side="left"))
        j = max(j, i + 1)
        lo, hi = starts[i], ends[j - 1]
        with np.errstate(over="ignore"):
            phv = a[:, None] * hashes[None, lo:hi] + b[:, None]  # (perm × shingle), wrapping
        out[i:j] = np.minimum.reduceat(phv, starts[i:j] - lo, axis=1).T
        i = j
    return out


def candidate_pairs(
    sigs: np.ndarray, threshold: float, weights: Sequence[float] = (0.1, 0.9)
) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) of rows whose signatures collide in some LSH band (datasketch MinHashLSH).

    ``weights`` (false positive, false negative) favour recall: every candidate is checked with
    the exact Jaccard afterwards, so a false candidate costs one comparison, a missed one a copy."""
    n, num_perm = sigs.shape
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=tuple(weights))
    with lsh.insertion_session() as session:
        for i in range(n):
            mh = LeanMinHash(seed=SEED, hashvalues=sigs[i], scheme=SCHEME)
            session.insert(i, mh, check_duplication=False)
    # Every bucket of every band holds rows that collide there: read the buckets once instead of
    # querying the index row by row (the same pairs, in a fraction of the time).
    seen: set[tuple[int, int]] = set()
    for table in lsh.hashtables:
        for band, count in table.itemcounts().items():
            if count < 2:
                continue
            rows = sorted(table.get(band))
            for x, i in enumerate(rows):
                for j in rows[x + 1 :]:
                    if (i, j) not in seen:
                        seen.add((i, j))
                        yield i, j


def shingle_set(text: str, k: int) -> set[str]:
    return {text[i : i + k] for i in range(max(1, len(text) - k + 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
