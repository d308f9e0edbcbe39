import {describe, expect, it} from 'vitest';
import {printsShellSetup} from '../../src/shell/outputs.js';

const words = (command: string) => command.split(' ');

describe('the shell setup well-known tools print to be evaluated or sourced', () => {
  it.each([
    'kubectl completion bash',
    'helm completion zsh',
    'gh completion -s bash',
    '/usr/local/bin/kubectl completion bash',
    'rustup completions bash',
    'pyenv init -',
    'pyenv init - bash',
    'pyenv init --path',
    'pyenv virtualenv-init -',
    'rbenv init - zsh',
    'direnv hook bash',
    'zoxide init bash',
    'starship init zsh',
    'mise activate bash',
    'fnm env --use-on-cd',
    'conda shell.bash hook',
    '/opt/homebrew/bin/brew shellenv',
    'dircolors',
    'dircolors -b',
    'dircolors -b .dircolors',
    'pip completion --bash',
    'opam env',
  ])('%s prints setup', (command) => {
    expect(printsShellSetup(words(command))).toBe(true);
  });

  it.each([
    'kubectl delete ns prod',
    'kubectl completion bash extra',
    'helm uninstall web',
    'pyenv install 3.12',
    'pyenv init - bash extra',
    'brew install jq',
    'direnv allow',
    'dircolors --print-database extra',
    'conda remove --all -n prod',
    'completion bash',
    'mytool completion bash',
  ])('%s does not', (command) => {
    expect(printsShellSetup(words(command))).toBe(false);
  });

  it('knows nothing of a command with a word guard cannot know', () => {
    expect(printsShellSetup(['kubectl', 'completion', null])).toBe(false);
  });
});
