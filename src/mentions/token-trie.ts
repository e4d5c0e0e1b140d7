// A compact trie over token ids: every pattern (a listed name or a variant of it) as a path from the root.
//
// Matching walks it from each article token, one step per following token, and stops at the first
// token no pattern continues with: the cost per token is a lookup or two, however many names are
// listed. Nodes are numbered level by level, so a node's children are consecutive and the trie is a
// handful of typed arrays (about 16 bytes a node), which a million names fit in.
import { type Steps, pause } from '../steps.ts';

/** Items of the trie's cheap loops (a few array reads each) between two steps. */
const CHEAP = 4096;

export interface TokenTrie {
  /** Node reached from the root by a token id, or -1. */
  rootChild: Int32Array;
  /** Children of node n are the nodes childStart[n] .. childStart[n+1]-1, sorted by token. */
  childStart: Int32Array;
  nodeToken: Int32Array;
  /** Patterns ending at node n are order[outStart[n] .. outEnd[n]); outStart -1 when none. */
  outStart: Int32Array;
  outEnd: Int32Array;
  /** Pattern ids, sorted by their token sequences (ties in id order). */
  order: Int32Array;
}

/** The trie of patterns, in steps (steps.ts). Pattern p is tokens[starts[p] .. starts[p+1]); every pattern has at least one token. */
export function* trieSteps(tokens: Int32Array, starts: Int32Array, tokenIds: number): Steps<TokenTrie> {
  const patterns = starts.length - 1;
  const order = yield* sortPatterns(tokens, starts, tokenIds);
  const lcp = new Uint16Array(patterns);
  let maxLength = 0;
  for (let k = 0; k < patterns; k++) {
    const p = order[k]!;
    maxLength = Math.max(maxLength, starts[p + 1]! - starts[p]!);
    if (k === 0) continue;
    const q = order[k - 1]!;
    const limit = Math.min(starts[p + 1]! - starts[p]!, starts[q + 1]! - starts[q]!);
    let l = 0;
    while (l < limit && tokens[starts[p]! + l] === tokens[starts[q]! + l]) l++;
    lcp[k] = l;
    if (pause(k, CHEAP)) yield;
  }

  const bound = tokens.length + 1;
  const nodeToken = new Int32Array(bound);
  const outStart = new Int32Array(bound).fill(-1);
  const outEnd = new Int32Array(bound);
  const childCount = new Int32Array(bound);
  const rootChild = new Int32Array(tokenIds).fill(-1);
  const current = new Int32Array(patterns);
  let nodes = 0;
  let roots = 0;
  for (let depth = 0; depth < maxLength; depth++) {
    let last = -1;
    for (let k = 0; k < patterns; k++) {
      if (pause(k, CHEAP)) yield;
      const p = order[k]!;
      const length = starts[p + 1]! - starts[p]!;
      if (length <= depth) continue;
      if (last < 0 || k === 0 || lcp[k]! <= depth) {
        const token = tokens[starts[p]! + depth]!;
        last = nodes++;
        nodeToken[last] = token;
        if (depth === 0) {
          rootChild[token] = last;
          roots++;
        } else childCount[current[k]!]!++;
      }
      current[k] = last;
      if (length === depth + 1) {
        if (outStart[last] === -1) outStart[last] = k;
        outEnd[last] = k + 1;
      }
    }
  }
  const childStart = new Int32Array(nodes + 1);
  childStart[0] = roots;
  for (let n = 0; n < nodes; n++) childStart[n + 1] = childStart[n]! + childCount[n]!;
  return {
    rootChild,
    childStart,
    nodeToken: nodeToken.slice(0, nodes),
    outStart: outStart.slice(0, nodes),
    outEnd: outEnd.slice(0, nodes),
    order,
  };
}

/** Pattern ids by token sequence: bucketed by first token, then compared within each bucket. */
function* sortPatterns(tokens: Int32Array, starts: Int32Array, tokenIds: number): Steps<Int32Array> {
  const patterns = starts.length - 1;
  const bucketStart = new Int32Array(tokenIds + 1);
  for (let p = 0; p < patterns; p++) bucketStart[tokens[starts[p]!]! + 1]!++;
  for (let t = 0; t < tokenIds; t++) bucketStart[t + 1]! += bucketStart[t]!;
  const order = new Int32Array(patterns);
  const fill = bucketStart.slice(0, tokenIds);
  for (let p = 0; p < patterns; p++) order[fill[tokens[starts[p]!]!]!++] = p;
  const compare = (a: number, b: number) => {
    const la = starts[a + 1]! - starts[a]!;
    const lb = starts[b + 1]! - starts[b]!;
    const limit = Math.min(la, lb);
    for (let i = 1; i < limit; i++) {
      const d = tokens[starts[a]! + i]! - tokens[starts[b]! + i]!;
      if (d !== 0) return d;
    }
    return la - lb || a - b;
  };
  for (let t = 0; t < tokenIds; t++) {
    if (bucketStart[t + 1]! - bucketStart[t]! > 1) order.subarray(bucketStart[t]!, bucketStart[t + 1]!).sort(compare);
    if (pause(t)) yield;
  }
  return order;
}

/** The child of `node` along `token`, or -1. */
export function childOf(trie: TokenTrie, node: number, token: number): number {
  let lo = trie.childStart[node]!;
  let hi = trie.childStart[node + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = trie.nodeToken[mid]!;
    if (t === token) return mid;
    if (t < token) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
