// Share links of an article: plain addresses with the article's URL and title encoded, no scripts.

export const shareTargets = ['telegram', 'whatsapp', 'eitaa', 'bale', 'x', 'email'] as const;
export type ShareTarget = (typeof shareTargets)[number];

/** The address that opens each service's share screen with the article. */
export function shareLinks(url: string, title: string): Record<ShareTarget, string> {
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(title);
  return {
    telegram: `https://t.me/share/url?url=${u}&text=${text}`,
    whatsapp: `https://wa.me/?text=${encodeURIComponent(`${title}\n${url}`)}`,
    // Eitaa and Bale take Telegram's form of share address.
    eitaa: `https://eitaa.com/share/url?url=${u}&text=${text}`,
    bale: `https://ble.ir/share/url?url=${u}&text=${text}`,
    x: `https://x.com/intent/tweet?url=${u}&text=${text}`,
    email: `mailto:?subject=${text}&body=${encodeURIComponent(`${title}\n\n${url}`)}`,
  };
}
