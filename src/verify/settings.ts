/** The verify stage's settings: when heavy checks are put off, and the evidence checks' thresholds (sun, Benford, attachments and EXIF, text). */
import { intIn, numberIn, setting } from '../domain/settings.js';

/** Sun and shadows (sun/): night, and how far a measured shadow may be off. */
export const SUN_SETTINGS = {
  sunNightAltitudeDegrees: setting(
    'TIPWIRE_SUN_NIGHT_ALTITUDE_DEGREES',
    'The geometric altitude of the sun’s centre below which it is night for sun.night_photo (−6: the end of civil twilight; −12 nautical, −18 astronomical).',
    numberIn(-18, 0),
    -6,
  ),
  sunShadowBearingErrorDegrees: setting(
    'TIPWIRE_SUN_SHADOW_BEARING_ERROR_DEGREES',
    'How many degrees a shadow bearing measured on a photo may be off when the analyst gives no error of their own (sun.shadow_mismatch, chronolocation).',
    numberIn(0, 90),
    5,
  ),
  sunShadowLengthError: setting(
    'TIPWIRE_SUN_SHADOW_LENGTH_ERROR',
    'The fraction a measured shadow length ÷ object height may be off when the analyst gives no error of their own (0.1: 10 %).',
    numberIn(0, 0.99),
    0.1,
  ),
};

/** Benford's law (benford/): how much data a test needs before it says anything. */
export const BENFORD_SETTINGS = {
  benfordMinValues: setting(
    'TIPWIRE_BENFORD_MIN_VALUES',
    'Fewest values a Benford test runs on; below it refuses (few values conform by chance or not at all).',
    intIn(1, 1_000_000_000),
    300,
  ),
  benfordMinOrdersOfMagnitude: setting(
    'TIPWIRE_BENFORD_MIN_ORDERS_OF_MAGNITUDE',
    'Orders of magnitude the middle 98 % of the values (1st to 99th percentile) must span for a Benford test; below it refuses (a narrow range cannot follow the law).',
    numberIn(0, 20),
    2,
  ),
  tableAnalysisTimeoutMs: setting(
    'TIPWIRE_TABLE_ANALYSIS_TIMEOUT_MS',
    'How long Benford’s tests over one attached table (CSV or XLSX, in the table worker) may run before the table is stored untested (benford: not analysed, worker_timeout) and the worker replaced. The cell and size caps bound the work; this is the last guard.',
    intIn(100, 600_000),
    30_000,
  ),
  benfordMinAmount: setting(
    'TIPWIRE_BENFORD_MIN_AMOUNT',
    'Values below this are left out of the Benford tests (10: a number below 10 has no second digit; zero and negative values are always left out).',
    numberIn(0, 1_000_000_000),
    10,
  ),
};

/** Near-duplicates (near-dup/): when two images are one picture, two narratives one text. */
export const NEAR_DUP_SETTINGS = {
  mediaReuseMaxBits: setting(
    'TIPWIRE_MEDIA_REUSE_MAX_BITS',
    'Most bits in which the 64-bit perceptual hashes of two images may differ for media.reused to call them one picture (re-encoded, resized or lightly edited copies differ in a few; different pictures in about 32). At most 7: the hash index finds every pair up to 7 bits apart.',
    intIn(0, 7),
    6,
  ),
  textReuseMinSimilarity: setting(
    'TIPWIRE_TEXT_REUSE_MIN_SIMILARITY',
    'How alike (estimated Jaccard of word or character shingles, 0–1) a narrative must be to an earlier report’s from another source for media.reused to call it the same text. 0.6, as TIPWIRE_CORRELATE_DUPLICATE_TEXT_SIMILARITY: what correlation takes for a copy of one message is what this flags; a copy with one word of twenty changed is about 0.86 alike (36 of the 42 word and word-pair shingles of the two are shared), two witnesses’ own words share far fewer, and the 64-slot sketch estimates about ± 0.06.',
    numberIn(0.05, 1),
    0.6,
  ),
  textReuseWindowHours: setting(
    'TIPWIRE_TEXT_REUSE_WINDOW_HOURS',
    'How many hours before a report the verify stage looks for earlier reports with near-identical text (media.reused); 0 turns the text comparison off. Copied messages circulate for days; the window bounds the band lookup.',
    numberIn(0, 8760),
    168,
  ),
};

/**
 * Attachments (media/): how much of a file intake reads, and what counts as a trace of
 * editing in its camera metadata. Read by mediaFactsOf, which takes these keys as they are.
 */
export const MEDIA_SETTINGS = {
  mediaMaxBytes: setting(
    'TIPWIRE_MEDIA_MAX_BYTES',
    'Largest attachment whose bytes are read for its type, size and camera metadata; a larger one is kept sealed and refused further reading (attachment.rejected, too_large).',
    intIn(1, 2 * 1024 * 1024 * 1024),
    64 * 1024 * 1024,
  ),
  pdfInflateMaxBytes: setting(
    'TIPWIRE_PDF_INFLATE_MAX_BYTES',
    'Most bytes inflated from one PDF’s FlateDecode streams (object streams above all, where a malicious PDF hides /JavaScript), all streams together, to search them for script and automatic actions; a stream that would pass it, and every one after, is not searched. The PDF is not refused for that alone: its media facts say where the search stopped (pdfSearchStopped). Bounds a decompression bomb’s memory and time; 0: no stream is inflated.',
    intIn(0, 1024 * 1024 * 1024),
    16 * 1024 * 1024,
  ),
  pdfInflateMaxStreams: setting(
    'TIPWIRE_PDF_INFLATE_MAX_STREAMS',
    'Most FlateDecode streams of one PDF inflated (or tried: a corrupt one counts) to search them for script and automatic actions; the streams after are not searched, and the media facts say so (pdfSearchStopped). Bounds the work on a file of many small streams; 0: no stream is inflated.',
    intIn(0, 1_000_000),
    2000,
  ),
  mediaMaxPixels: setting(
    'TIPWIRE_MEDIA_MAX_PIXELS',
    'Most pixels (width × height, read from the header, never decoded) an image may declare; more is refused as a decompression bomb (too_many_pixels). The default, 16383 × 16383 (268 MP), is sharp’s own input limit and above the 200 MP phones shoot.',
    intIn(1, 1_000_000_000_000),
    268_402_689,
  ),
  exifModifiedAfterCaptureMinutes: setting(
    'TIPWIRE_EXIF_MODIFIED_AFTER_CAPTURE_MINUTES',
    'A photo whose EXIF ModifyDate is later than its capture time by more than this many minutes carries the edit trace modified_after_capture (cameras write both at the shot, or seconds apart).',
    numberIn(0, 525_600),
    10,
  ),
  exifThumbnailAspectTolerance: setting(
    'TIPWIRE_EXIF_THUMBNAIL_ASPECT_TOLERANCE',
    'How much the aspect ratio of a photo’s embedded thumbnail may differ from the photo’s (as displayed) before it is the edit trace thumbnail_differs, as a fraction: 0.15 lets a 4:3 thumbnail of a 3:2 photo pass (cameras letterbox it: 12.5 %), not a crop to 16:9 (33 %) nor a rotation.',
    numberIn(0, 100),
    0.15,
  ),
};

/** The exif check (checks/exif.check.ts): when a photo's camera metadata contradicts the claim. */
export const EXIF_CHECK_SETTINGS = {
  exifTimeMismatchMinutes: setting(
    'TIPWIRE_EXIF_TIME_MISMATCH_MINUTES',
    'A photo taken this many minutes or more outside the claimed time’s interval (its precision included) gives exif.time_mismatch.',
    numberIn(0, 525_600),
    3,
  ),
  exifPlaceMismatchMeters: setting(
    'TIPWIRE_EXIF_PLACE_MISMATCH_METERS',
    'A photo whose GPS position lies farther from the claimed point than the claim’s accuracy plus the GPS accuracy plus this many metres gives exif.place_mismatch (a photo is often taken at some distance from what it shows).',
    numberIn(0, 20_000_000),
    1000,
  ),
};

export const VERIFY_SETTINGS = {
  deferHeavyLagMs: setting(
    'TIPWIRE_VERIFY_DEFER_HEAVY_LAG_MS',
    'While the oldest waiting pipeline job has waited longer than this, heavy verification checks are put off until the queue is idle (correlation never waits).',
    intIn(0, 86_400_000),
    5000,
  ),
  ...SUN_SETTINGS,
  ...BENFORD_SETTINGS,
  ...NEAR_DUP_SETTINGS,
  ...MEDIA_SETTINGS,
  ...EXIF_CHECK_SETTINGS,
};

/**
 * The text checks (verify/lm/, verify/observables/): the language model's shape, when
 * its perplexity is a finding, and how much work one text may cost.
 */
export const TEXT_SETTINGS = {
  lmOrder: setting(
    'TIPWIRE_TEXT_LM_ORDER',
    'Longest n-gram of the language model (3: a trigram model, words for English, characters for Chinese).',
    intIn(2, 6),
    3,
  ),
  lmDiscount: setting(
    'TIPWIRE_TEXT_LM_DISCOUNT',
    'The Kneser-Ney absolute discount of the language model (0.75, as in NLTK’s tests).',
    numberIn(0, 1),
    0.75,
  ),
  highPerplexity: setting(
    'TIPWIRE_TEXT_LM_HIGH_PERPLEXITY',
    'A text whose perplexity is above this is flagged text.high_perplexity (a weak signal; the seed’s operators warn above about 85).',
    numberIn(1, 1_000_000),
    85,
  ),
  lowPerplexity: setting(
    'TIPWIRE_TEXT_LM_LOW_PERPLEXITY',
    'A text whose perplexity is below this is flagged text.low_perplexity (boilerplate, copied or generated text; a weak signal). Sentences the model was trained on score about 4 to 6.',
    numberIn(1, 1_000_000),
    10,
  ),
  minTokens: setting(
    'TIPWIRE_TEXT_LM_MIN_TOKENS',
    'Known words (Chinese: characters) a text must have before its perplexity gives a finding: a short text’s perplexity says little.',
    intIn(1, 100_000),
    20,
  ),
  minKnownShare: setting(
    'TIPWIRE_TEXT_LM_MIN_KNOWN_SHARE',
    'Share of a text’s words the model must know (0–1) before its perplexity gives a finding: unknown words are left out of it.',
    numberIn(0, 1),
    0.7,
  ),
  minTrainingTokens: setting(
    'TIPWIRE_TEXT_LM_MIN_TRAINING_TOKENS',
    'Tokens the language model must have been trained on before it gives any finding. The bundled corpus alone has about 3,200: findings start once accepted reports are in the training.',
    intIn(0, 1_000_000_000),
    50_000,
  ),
  maxTokens: setting(
    'TIPWIRE_TEXT_LM_MAX_TOKENS',
    'Tokens of a text the language model reads at most (the rest is left out).',
    intIn(1, 1_000_000),
    5000,
  ),
  rankWork: setting(
    'TIPWIRE_TEXT_LM_RANK_WORK',
    'Units of ranking work per text for the GLTR rank buckets (one per word scored against a token, plus one per token); tokens past it are not ranked.',
    intIn(0, 1_000_000_000),
    200_000,
  ),
  analysisPollMs: setting(
    'TIPWIRE_TEXT_ANALYSIS_POLL_MS',
    'How often `serve` looks for stored reports whose text is still to be read by the text worker (its language-model score and observables); intake never waits for that reading.',
    intIn(10, 600_000),
    200,
  ),
  analysisTimeoutMs: setting(
    'TIPWIRE_TEXT_ANALYSIS_TIMEOUT_MS',
    'How long the text worker may take over one text (score and observables) before the text is marked failed and the worker replaced (its trained language model is lost with it until the next training). The work per text is bounded by TIPWIRE_TEXT_LM_MAX_TOKENS, TIPWIRE_TEXT_LM_RANK_WORK and TIPWIRE_OBSERVABLES_MAX_CHARS; this is the last guard.',
    intIn(100, 600_000),
    10_000,
  ),
  lmRetrainHours: setting(
    'TIPWIRE_TEXT_LM_RETRAIN_HOURS',
    'How often `serve` trains the language model again on the narratives of closed cases (at start, then at this interval; 0: never, the bundled corpus alone; at most 576, 24 days, what a timer can wait). The model is held in memory by the text worker, never written to disk.',
    numberIn(0, 576),
    24,
  ),
  lmTrainingReports: setting(
    'TIPWIRE_TEXT_LM_TRAINING_REPORTS',
    'Most closed cases (the most recently closed first) whose narratives the language model is trained on; bounds the training’s time and memory (about 0.5 s and 60 MB per 20,000 short narratives).',
    intIn(0, 10_000_000),
    20_000,
  ),
  observablesMaxChars: setting(
    'TIPWIRE_OBSERVABLES_MAX_CHARS',
    'Characters of a text read for observables (IPs, domains, hashes, wallets, phones, plates) at most.',
    intIn(1, 10_000_000),
    100_000,
  ),
};
