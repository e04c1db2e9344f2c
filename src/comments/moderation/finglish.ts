// Finglish (Persian written in Latin letters) heuristic, moderation.md §3.4 option (a): a list of
// frequent Finglish words written for Mahalle, plus spelling patterns English does not use
// (kh, gh, zh; mi-/nemi-/be-/ne- verb prefixes with personal endings), weighed against a list of
// English function words. No package detects Finglish (moderation.md §3.1).

const FINGLISH_WORDS = new Set(
  (
    'salam slm salaam dorood dorud merci mersi mamnoon mamnun mamnoonam mamnunam kheili kheyli khaili khili khely ' +
    'khoob khub khobe khoobe khube aali ali awli awlie bad nist nistam nistim hast hastam hasti hastim hastan hastand ' +
    'chera chon chun chi chie chiye chetori chetor chejori koja kojast kojaye kei key kia kiya chand chanta chera ' +
    'bayad nabayad mitoonam mitunam mitoone mitune mishe nemishe mikonam mikoni mikone mikonim mikonid mikonan ' +
    'migam migi mige migim migid migan miram miri mire mirim miran mikham mikhay mikhad mikhaym mikhan ' +
    'daram dari dare darim darid daran nadaram nadari nadare nadarim nadaran dashtam dasht dashtim ' +
    'shod shode shodeh beshe bashe bashid bashe baraye bara vase vaseye ba va az dar ro ra ham hamin hamoon ' +
    'inja unja oonja injast inam onam una ina oona oon un ooni uni ye yek do se chahar panj ' +
    'man to ma shoma oona ishoon ishun khodam khodet khodesh khodemoon khodetoon ' +
    'dige digeh age agar vali valy amma faghat faqat hame hamash hamechi hamechiz hich hichi ' +
    'vaghean vaghan vaqean vaghei dorost doroste ghalat eshtebah khob khb are areh bale na nah nakhair kheir ' +
    'agha aghaye khanom khanoom khanum ostad doctor mohandes shahrdari shahrdar ostandar farmandar ' +
    'mahalle mahale mahaleh tarh tarhe kar kare kara bache bacheha bachehaa zan mard pool pul ' +
    'khoda khodaya inshallah ishala ishalla mashallah dast dastet dastetun dastetoon dard nakone nakoneh ' +
    'movafagh movafegh movafegham movafeghim mokhalef mokhalefam ' +
    'chikar chekar chetor konim konid konam kardam kardi kard kardim kardid kardan ' +
    'bood bud boodam budam boodim boodan budan raftam rafti raft raftim raftan ' +
    'ghabool ghabul ghashang ghashange zesht asan asoon sakht jaleb jalebe ' +
    'hanooz hanuz shoroo shoru nashode nashod nashodeh tamoom tamum shod emrooz emruz farda dirooz diruz ' +
    'alan hala ghabl baad pas chetorie kheyr sobh shab rooz ruz sal mah hafte khone khoone khaneh kooche koocheh'
  )
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** English function words (and a few very common English words). */
const ENGLISH_WORDS = new Set(
  (
    'the a an and or but is are was were be been being of to in on at for with by from as it its this that these those ' +
    'i you he she we they me him her us them my your his our their not no yes do does did have has had will would can could ' +
    'should what how why when where who which there here all just like very so too also good great thanks thank please ' +
    'about more most some any if then than only one two project people city park news nice love best well get got ' +
    'because before become believe being below between beside need needs next never name nature native make made take'
  ).split(/\s+/),
);

/** Words both lists would claim; they count for neither. */
const AMBIGUOUS = new Set(['in', 'to', 'man', 'be', 'bad', 'are', 'na', 'do', 'ma', 'ham', 'ye', 'ali', 'khob', 'kar', 'dare', 'ra', 'age']);

const FINGLISH_PATTERNS: readonly RegExp[] = [
  /kh|gh|zh/, // خ غ ژ
  /^(?:mi|nemi|be|ne|na)[a-z]{2,}(?:am|im|id|and|an|e|i|eh|ast)$/, // verb prefix and personal ending
];

export interface FinglishScore {
  /** Latin words considered. */
  words: number;
  /** Words on the Finglish list or with a Finglish spelling pattern. */
  finglish: number;
  /** English function words. */
  english: number;
  /** finglish / words. */
  ratio: number;
}

/** Scores Latin words (lower-case letters only) for Finglish. */
export function finglishScore(words: readonly string[]): FinglishScore {
  let finglish = 0;
  let english = 0;
  let n = 0;
  for (const raw of words) {
    const w = raw.toLowerCase();
    if (!/^[a-z]+$/.test(w)) continue;
    n++;
    if (AMBIGUOUS.has(w)) continue;
    if (ENGLISH_WORDS.has(w)) english++;
    else if (FINGLISH_WORDS.has(w)) finglish++;
    else if (w.length >= 3 && FINGLISH_PATTERNS.some((re) => re.test(w))) finglish += 0.5;
  }
  return { words: n, finglish, english, ratio: n === 0 ? 0 : finglish / n };
}

/** Finglish when at least 30% of the words look Finglish and clearly more than look English. */
export function isFinglish(s: FinglishScore): boolean {
  return s.words > 0 && s.ratio >= 0.3 && s.finglish > 2 * s.english;
}
