import { describe, expect, it } from 'vitest';
import {
  canMove,
  existsDuring,
  isAncestor,
  isInSubtree,
  isOrgPath,
  parentPathOf,
  pathDepth,
  pathFor,
  pathIds,
  rewritePath,
  subtreeRange,
} from './org-tree';
import { periodOf } from './periods';

/** Byte-order comparison, as COLLATE "C" does for ASCII paths. */
const inRange = (path: string, r: { lo: string; hi: string }) => path >= r.lo && path < r.hi;

describe('paths', () => {
  it('X.1 pathFor builds root and child paths', () => {
    expect(pathFor(null, 1)).toBe('/1/');
    expect(pathFor('/1/', 5)).toBe('/1/5/');
    expect(pathFor('/1/5/', '77')).toBe('/1/5/77/');
    expect(() => pathFor('/1/', 'a/b')).toThrow(RangeError);
    expect(() => pathFor('/1/', '')).toThrow(RangeError);
    expect(() => pathFor('1/5', 7)).toThrow(RangeError);
  });
  it('reads ids, depth and parent', () => {
    expect(pathIds('/1/5/77/')).toEqual(['1', '5', '77']);
    expect(pathDepth('/1/')).toBe(1);
    expect(parentPathOf('/1/5/77/')).toBe('/1/5/');
    expect(parentPathOf('/1/')).toBeNull();
  });
  it('isOrgPath', () => {
    expect(isOrgPath('/1/5/')).toBe(true);
    for (const bad of ['', '/', '//', '/1', '1/', '/1//2/']) expect(isOrgPath(bad)).toBe(false);
  });
  it('isAncestor is strict and not fooled by a shared digit prefix', () => {
    expect(isAncestor('/1/5/', '/1/5/77/')).toBe(true);
    expect(isAncestor('/1/', '/1/5/77/')).toBe(true);
    expect(isAncestor('/1/5/', '/1/5/')).toBe(false);
    expect(isAncestor('/1/5/', '/1/50/')).toBe(false);
    expect(isAncestor('/1/5/77/', '/1/5/')).toBe(false);
    expect(isInSubtree('/1/5/', '/1/5/')).toBe(true);
  });
});

describe('subtreeRange', () => {
  const range = subtreeRange('/1/5/');

  it('replaces the trailing slash with 0', () => {
    expect(range).toEqual({ lo: '/1/5/', hi: '/1/50' });
  });

  it('every descendant path sorts inside the range, including the node itself', () => {
    const descendants = ['/1/5/', '/1/5/0/', '/1/5/1/', '/1/5/9/', '/1/5/77/', '/1/5/77/1234/', '/1/5/999999/', '/1/5/a/', '/1/5/~/'];
    for (const path of descendants) expect(inRange(path, range), path).toBe(true);
  });

  it('siblings like /1/50/ and cousins sort outside', () => {
    const outside = ['/1/50/', '/1/51/', '/1/500/7/', '/1/4/', '/1/49/', '/1/6/', '/1/', '/2/5/', '/1/5', '/10/5/', '/1/5-/', '/1/5./'];
    for (const path of outside) expect(inRange(path, range), path).toBe(false);
  });

  it('agrees with isInSubtree over a generated tree', () => {
    const paths: string[] = [];
    const grow = (parent: string | null, depth: number) => {
      for (const id of [1, 5, 10, 50, 55, 500]) {
        const path = pathFor(parent, id);
        paths.push(path);
        if (depth < 2) grow(path, depth + 1);
      }
    };
    grow(null, 0);
    for (const root of paths.slice(0, 60)) {
      const r = subtreeRange(root);
      for (const path of paths) expect(inRange(path, r)).toBe(isInSubtree(root, path));
    }
  });

  it('sorted paths keep every subtree contiguous (one index range scan)', () => {
    const paths = ['/1/', '/1/5/', '/1/5/77/', '/1/50/', '/1/5/8/', '/1/6/', '/1/50/3/'].sort();
    expect(paths).toEqual(['/1/', '/1/5/', '/1/5/77/', '/1/5/8/', '/1/50/', '/1/50/3/', '/1/6/']);
  });
});

describe('moves', () => {
  it('X.1 a node may not move under itself or its descendants', () => {
    expect(canMove('/1/5/', '/1/5/')).toBe(false);
    expect(canMove('/1/5/', '/1/5/77/')).toBe(false);
    expect(canMove('/1/5/', '/1/50/')).toBe(true);
    expect(canMove('/1/5/77/', '/1/6/')).toBe(true);
    expect(canMove('/1/5/77/', '/1/')).toBe(true);
  });
  it('rewritePath moves a subtree', () => {
    expect(rewritePath('/1/5/', '/1/6/5/', '/1/5/')).toBe('/1/6/5/');
    expect(rewritePath('/1/5/', '/1/6/5/', '/1/5/77/88/')).toBe('/1/6/5/77/88/');
    expect(() => rewritePath('/1/5/', '/1/6/5/', '/1/50/')).toThrow(RangeError);
  });
});

describe('existsDuring', () => {
  const q2 = periodOf('quarter', '2019-05-01');
  it('an org counts only while it exists', () => {
    expect(existsDuring({}, q2)).toBe(true);
    expect(existsDuring({ foundedOn: null, dissolvedOn: null }, q2)).toBe(true);
    expect(existsDuring({ foundedOn: '2019-06-30' }, q2)).toBe(true);
    expect(existsDuring({ foundedOn: '2019-07-01' }, q2)).toBe(false);
  });
  it('dissolvedOn is the first day it no longer exists', () => {
    expect(existsDuring({ dissolvedOn: '2019-04-01' }, q2)).toBe(false);
    expect(existsDuring({ dissolvedOn: '2019-04-02' }, q2)).toBe(true);
    expect(existsDuring({ foundedOn: '2018-01-01', dissolvedOn: '2019-03-31' }, q2)).toBe(false);
  });
  it('S4.1 an org founded during the reporting month counts for that month', () => {
    expect(existsDuring({ foundedOn: '2012-12-15' }, periodOf('month', '2012-12-01'))).toBe(true);
    expect(existsDuring({ foundedOn: '2012-12-15' }, periodOf('month', '2012-11-01'))).toBe(false);
  });
});
