"""Wuhu's districts (GB/T 2260, 3402xx) and the places visitors come from."""

from __future__ import annotations

import numpy as np

# code, name, population share, centre (lat, lon) in WGS-84
WUHU = (
    (340202, "镜湖区", 0.16, 31.340, 118.376),
    (340207, "鸠江区", 0.17, 31.365, 118.392),
    (340209, "弋江区", 0.12, 31.300, 118.380),
    (340210, "湾沚区", 0.10, 31.135, 118.575),
    (340212, "繁昌区", 0.08, 31.080, 118.200),
    (340223, "南陵县", 0.12, 30.915, 118.335),
    (340281, "无为市", 0.25, 31.305, 117.900),
)
CODES = np.array([r[0] for r in WUHU], dtype=np.int32)
NAMES = {r[0]: r[1] for r in WUHU}
SHARES = np.array([r[2] for r in WUHU]) / sum(r[2] for r in WUHU)
CENTRES = {r[0]: (r[3], r[4]) for r in WUHU}

# Where hotel guests from outside come from (county-level codes of real prefectures).
ELSEWHERE = np.array([
    340104, 340111, 340302, 340504, 340603, 340802, 341002, 341102, 341202, 341302,
    320102, 320106, 320505, 320402, 330106, 330102, 310101, 310104, 310115, 110101,
    110105, 440305, 440106, 420102, 430102, 360102, 370102, 410102, 510104, 610113,
], dtype=np.int32)

STREETS = ["中山路", "北京路", "九华山路", "长江路", "赭山路", "银湖路", "黄山路", "利民路", "镜湖路", "弋江路", "春安路", "文化路", "人民路", "新华街", "花津路"]
