import {describe, expect, test} from 'vitest';
import {plainTree} from '../../src/shell/plain.js';

// src/shell/plain.ts reads code of plain words without the parser; test/fuzz/plain.test.ts
// holds it to the parser's reading. These are its edges; the last four, where tree-sitter reads
// plain-looking words otherwise, were found by fuzzing.
describe('code read without the parser', () => {
  test.each(['true', 'systemctl restart nginx', '  sleep\t 10 ', 'rm -rf /', 'dd if=/dev/zero of=/dev/sda', 'x a@b %1 a+=1 ==a -- -', '', ' \t '])('%j is plain words', (code) => {
    expect(plainTree(code)).toBeDefined();
  });

  test.each([
    ['"true"', 'a quote'],
    ['rm -rf $HOME', 'an expansion'],
    ['rm -rf *', 'a glob'],
    ['echo {a,b}', 'a brace'],
    ['cd ~', 'a tilde'],
    ['true # x', 'a comment'],
    ['true; rm x', 'an operator'],
    ['echo x > f', 'a redirection'],
    ['echo !!', 'history'],
    ['echo ^x', 'a caret'],
    ['echo café', 'a character beyond ASCII'],
    ['true\nrm x', 'a newline'],
    ['X=1 rm x', 'an assignment first'],
    ['if', 'a reserved word first'],
    ['time rm x', 'time first'],
    ['export X=1', 'a declaration tree-sitter parses as such'],
    ['a@a', 'a first word tree-sitter reads as a broken variable'],
    ['a+: x', 'a first word tree-sitter reads as a broken assignment'],
    ['- X=1', 'a first `-` tree-sitter drops before an assignment'],
    ['x == y', 'a word tree-sitter reads as the operator of a test'],
  ])('%j is for the parser: %s', (code) => {
    expect(plainTree(code)).toBeUndefined();
  });
});
