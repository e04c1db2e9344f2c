// Digit conversion between the three digit sets Persian users actually type:
// ASCII 0-9, Persian (extended Arabic-Indic) ۰-۹ U+06F0–U+06F9 and Arabic-Indic ٠-٩ U+0660–U+0669.

const PERSIAN_ZERO = 0x06f0;
const ARABIC_ZERO = 0x0660;
const ASCII_ZERO = 0x30;

const TO_PERSIAN = /[0-9\u0660-\u0669]/g;
const TO_ASCII = /[\u06F0-\u06F9\u0660-\u0669\u066B\u066C]/g;

/** Converts ASCII and Arabic-Indic digits to Persian digits ۰-۹ (numbers go through String()). */
export function toPersianDigits(value: string | number | bigint): string {
  return String(value).replace(TO_PERSIAN, (ch) => {
    const code = ch.charCodeAt(0);
    const zero = code >= ARABIC_ZERO ? ARABIC_ZERO : ASCII_ZERO;
    return String.fromCharCode(PERSIAN_ZERO + code - zero);
  });
}

/** Converts Persian and Arabic-Indic digits to ASCII, and ٫ → '.' and ٬ → ','. */
export function toAsciiDigits(text: string): string {
  return text.replace(TO_ASCII, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x066b) return '.';
    if (code === 0x066c) return ',';
    const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_ZERO;
    return String.fromCharCode(ASCII_ZERO + code - zero);
  });
}
