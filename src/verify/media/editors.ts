/**
 * Software that edits photos, as it names itself in the EXIF Software tag: a Software
 * tag matching one of these is an edit trace. Camera firmware (`Ver1.00`,
 * `HDR+ 1.0.570503588zd`, `K10D Ver 1.30`) and phone OS versions (`10.0.2`) are not
 * edits and are not listed. Data: add a name here, nothing else changes.
 */
export const PHOTO_EDITORS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'Adobe Photoshop', pattern: /photoshop/i },
  { name: 'Adobe Lightroom', pattern: /lightroom/i },
  { name: 'Adobe Camera Raw', pattern: /camera raw/i },
  { name: 'GIMP', pattern: /\bgimp\b/i },
  { name: 'Snapseed', pattern: /snapseed/i },
  { name: 'PicsArt', pattern: /picsart/i },
  { name: 'Pixelmator', pattern: /pixelmator/i },
  { name: 'Affinity Photo', pattern: /affinity/i },
  { name: 'Paint.NET', pattern: /paint\.net/i },
  { name: 'Capture One', pattern: /capture\s*one/i },
  { name: 'darktable', pattern: /darktable/i },
  { name: 'RawTherapee', pattern: /rawtherapee/i },
  { name: 'Meitu', pattern: /meitu|美图/i },
  { name: 'PhotoScape', pattern: /photoscape/i },
  { name: 'ACDSee', pattern: /acdsee/i },
  { name: 'PaintShop Pro', pattern: /paint\s*shop/i },
  { name: 'Luminar', pattern: /luminar/i },
  { name: 'Fotor', pattern: /fotor/i },
  { name: 'VSCO', pattern: /\bvsco\b/i },
  { name: 'Facetune', pattern: /facetune/i },
  { name: 'Photopea', pattern: /photopea/i },
  { name: 'Picasa', pattern: /picasa/i },
  { name: 'digiKam', pattern: /digikam/i },
  { name: 'Krita', pattern: /\bkrita\b/i },
  { name: 'IrfanView', pattern: /irfanview/i },
  { name: 'Xingtu (醒图)', pattern: /醒图|xingtu/i },
  { name: 'BeautyCam (美颜相机)', pattern: /美颜|beautycam/i },
];

/** The editor a Software tag names, or null (firmware, an OS version, absent). */
export function editorNamed(software: string | null): string | null {
  if (!software) return null;
  return PHOTO_EDITORS.find((e) => e.pattern.test(software))?.name ?? null;
}
