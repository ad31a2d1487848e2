/**
 * Evidence an analyst adds to a report after looking at its photo, for the checks to
 * judge (verify/sun/): that the photo shows daylight, and a shadow measured on it.
 * Stored with the report, audited when set, and the report's checks run again.
 */
export interface SunEvidence {
  /** The reporter says, or an analyst judged, that the report's photo shows daylight. */
  daylightPhoto: boolean;
  /** A shadow an analyst measured on the photo; errors default to the settings. */
  shadow: {
    /** Direction the shadow points, degrees clockwise from true north. */
    bearing: number;
    bearingError?: number;
    /** Shadow length ÷ the object's height, when both could be measured. */
    lengthRatio?: number | null;
    lengthRatioError?: number;
  } | null;
}
