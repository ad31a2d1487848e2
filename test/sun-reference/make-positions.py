#!/usr/bin/env python3
"""Sun positions from PyEphem, for src/verify/sun/position.reference.test.ts.

PyEphem (XEphem's libastro: VSOP87 sun, IAU nutation and aberration, topocentric
parallax; Debian's python3-ephem 4.1.4) is the reference nobody here wrote. At the
NREL SPA reference case (2003-10-17 19:30:30 UTC, 39.742476, -105.1786, 1830.14 m,
820 mbar, 11 C) it gives zenith 50.11233 (SPA 50.11162) and azimuth 194.34023
(SPA 194.340241): within 0.001 deg, so it can judge a model a hundredth of a degree off.

Each row (see "columns"): a random instant (whole seconds, 1900-2100), a random place (uniform over
the sphere, sea level), and the sun's geometric altitude and azimuth (no refraction:
pressure 0) and its apparent altitude in Meeus' standard air (1010 mbar, 10 C).

    apt-get install python3-ephem && python3 make-positions.py > positions.json
"""
import json
import math
import random
from datetime import datetime, timezone

import ephem

ROWS = 1000
random.seed(20261201)

START = datetime(1900, 1, 1, tzinfo=timezone.utc).timestamp()
END = datetime(2100, 1, 1, tzinfo=timezone.utc).timestamp()


def sun(observer, pressure, temperature):
    observer.pressure = pressure
    observer.temp = temperature
    body = ephem.Sun(observer)
    return math.degrees(body.alt), math.degrees(body.az)


rows = []
for _ in range(ROWS):
    seconds = random.randint(int(START), int(END))
    lat = math.degrees(math.asin(random.uniform(-1, 1)))
    lon = random.uniform(-180, 180)
    at = datetime.fromtimestamp(seconds, timezone.utc)
    observer = ephem.Observer()
    observer.lat = str(lat)
    observer.lon = str(lon)
    observer.elevation = 0
    observer.date = ephem.Date(at.replace(tzinfo=None))
    altitude, azimuth = sun(observer, 0, 15)
    apparent, _ = sun(observer, 1010, 10)
    rows.append(
        [
            at.isoformat().replace("+00:00", "Z"),
            round(lat, 6),
            round(lon, 6),
            round(altitude, 6),
            round(azimuth, 6),
            round(apparent, 6),
        ]
    )

# One row a line (the project's formatter keeps a short array on one line).
print("{")
print('  "source": "PyEphem %s (python3-ephem, Debian), make-positions.py",' % ephem.__version__)
print('  "columns": ["at", "lat", "lon", "altitude", "azimuth", "apparentAltitude"],')
print('  "rows": [')
print(",\n".join("    " + json.dumps(row) for row in rows))
print("  ]")
print("}")
