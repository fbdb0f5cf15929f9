import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { text, type LocalizedText } from '../../../core/common/localized';
import { isPrivateAddress } from './private-address';

/** Why a webhook URL is refused; null when it is acceptable. */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): LocalizedText | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return text('不是有效的网址', 'Not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return text('只支持 http 和 https 地址', 'Only http and https URLs are allowed');
  if (u.username || u.password) return text('网址中不能包含用户名或密码', 'The URL must not carry a user name or password');
  if (!u.hostname) return text('网址缺少主机名', 'The URL has no host');
  if (!allowPrivate && isLocalHost(u.hostname)) {
    return text(
      '不能指向本机、内网或保留地址（如需测试请设置 ALLOT_WEBHOOK_ALLOW_PRIVATE=true）',
      'The URL must not point to this machine, a private network or a reserved address (set ALLOT_WEBHOOK_ALLOW_PRIVATE=true for local testing)',
    );
  }
  return null;
}

/** An IP literal in a private range, or a localhost name (known without asking DNS). */
function isLocalHost(hostname: string): boolean {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (isIP(host)) return isPrivateAddress(host);
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

export class BlockedTargetError extends Error {
  constructor(readonly host: string, readonly address: string) {
    super(`blocked: ${host} resolves to the non-public address ${address} (set ALLOT_WEBHOOK_ALLOW_PRIVATE=true to allow)`);
    this.name = 'BlockedTargetError';
  }
}

export interface ResolvedTarget {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the host once and checks every address it has; the request then connects to the
 * checked address only (no second lookup, so DNS rebinding cannot swap in an internal one).
 */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<ResolvedTarget> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(host);
  const found = literal ? [{ address: host, family: literal }] : await lookup(host, { all: true, verbatim: true });
  if (!found.length) throw new Error(`no address for ${host}`);
  if (!allowPrivate) {
    const bad = found.find((a) => isPrivateAddress(a.address));
    if (bad || isLocalHost(host)) throw new BlockedTargetError(host, bad?.address ?? host);
  }
  const first = found[0] as { address: string; family: number };
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
