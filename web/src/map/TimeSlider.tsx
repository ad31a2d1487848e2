/**
 * The time window: a span (presets) and two handles over it, from and to, in hours
 * up to a week and days above. Shows the window in the viewer's local time.
 */
import { useTranslation } from 'react-i18next';
import { formatLocal } from '../time.js';
import {
  fullWindow,
  normalWindow,
  sliderScale,
  SPAN_PRESETS,
  stepTime,
  type Span,
  type TimeWindow,
} from './time-window.js';

export function TimeSlider({
  value,
  now,
  onChange,
}: {
  value: TimeWindow;
  /** The clock's reading the handles are placed against. */
  now: number;
  onChange: (w: TimeWindow) => void;
}) {
  const { t } = useTranslation('map');
  const span = value.span;
  const steps = span === 'all' ? 0 : sliderScale(span).steps;
  const at = (step: number) =>
    span === 'all' ? '' : formatLocal(new Date(stepTime(span, step, now)).toISOString());
  return (
    <fieldset className="map-window" data-testid="time-window">
      <legend>{t('window.title')}</legend>
      <label>
        <span className="visually-hidden">{t('window.span')}</span>
        <select
          data-testid="window-span"
          value={String(span)}
          onChange={(e) =>
            onChange(
              fullWindow(e.target.value === 'all' ? 'all' : (Number(e.target.value) as Span)),
            )
          }
        >
          {SPAN_PRESETS.map((days) => (
            <option key={days} value={days}>
              {t(`window.span.${days}`)}
            </option>
          ))}
          <option value="all">{t('window.span.all')}</option>
        </select>
      </label>
      {span === 'all' ? (
        <span className="muted" data-testid="window-range">
          {t('window.all')}
        </span>
      ) : (
        <>
          <label className="map-window-handle">
            <span>{t('window.from')}</span>
            <input
              type="range"
              data-testid="window-from"
              min={0}
              max={steps}
              step={1}
              value={value.from}
              aria-valuetext={at(value.from)}
              onChange={(e) =>
                onChange(
                  normalWindow({
                    span,
                    from: Math.min(Number(e.target.value), value.to),
                    to: value.to,
                  }),
                )
              }
            />
          </label>
          <label className="map-window-handle">
            <span>{t('window.to')}</span>
            <input
              type="range"
              data-testid="window-to"
              min={0}
              max={steps}
              step={1}
              value={value.to}
              aria-valuetext={at(value.to)}
              onChange={(e) =>
                onChange(
                  normalWindow({
                    span,
                    from: value.from,
                    to: Math.max(Number(e.target.value), value.from),
                  }),
                )
              }
            />
          </label>
          <output data-testid="window-range">
            {t('window.range', { from: at(value.from), to: at(value.to) })}
          </output>
        </>
      )}
    </fieldset>
  );
}
