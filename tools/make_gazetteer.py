#!/usr/bin/env python3
"""Regenerate schema/gazetteer/regions_{chongqing,sichuan}.json from the public division lists.

usage: tools/make_gazetteer.py [DIVISIONS_DIR] [SCHEMA_DIR]
  DIVISIONS_DIR defaults to ../shared/data/divisions (modood/Administrative-divisions-of-China rows
  for Chongqing and Sichuan); SCHEMA_DIR defaults to ./schema.

Each division gets: name (the short form people write: 万州 for 万州区, 秀山 for 秀山土家族苗族自治县,
阿坝 for 阿坝藏族羌族自治州), full_name, code, level, parents. A short form shorter than two characters
is not used (忠县 stays 忠县). A short form that is a common word (see AMBIGUOUS) or that collides with
a higher-level region's short form (广安区 vs 广安市) is not matched on its own: the region keeps its full name.
Chongqing districts and counties are placed in the 一区两群 groups and Sichuan prefectures in the 五区
economic regions of schema/gazetteer/region_groups.json (public fact, listed below).
"""
import csv
import json
import os
import re
import sys

ETHNIC = re.compile(r"(?:(?:土家|苗|藏|羌|彝|回|蒙古|傈僳|纳西|布依)族)+自治(?:县|州)$")

# Short forms that are ordinary words or name something else (a river, a mountain, a person...).
AMBIGUOUS = {"长寿", "南部", "安居", "东区", "西区", "市中", "嘉陵", "长宁", "东坡", "峨眉山", "朝天", "名山",
             "大英", "兴文", "天全", "石棉", "黑水", "白玉", "九龙", "前锋", "大安", "仁和", "金川"}

# 一区两群 (Chongqing): members of each group. Districts of 中心城区 and 主城新区 are placed directly in
# 主城都市区 with a `zone` attribute, matching how the reports speak of them.
CQ_ZONES = {
    "中心城区": "渝中 大渡口 江北 沙坪坝 九龙坡 南岸 北碚 渝北 巴南",
    "主城新区": "涪陵 长寿 江津 合川 永川 南川 綦江 大足 璧山 铜梁 潼南 荣昌",
}
CQ_GROUPS = {
    "渝东北三峡库区城镇群": "万州 开州 梁平 城口 丰都 垫江 忠县 云阳 奉节 巫山 巫溪",
    "渝东南武陵山区城镇群": "黔江 武隆 石柱 秀山 酉阳 彭水",
}
# Sichuan's five economic regions (五区): prefecture members.
SC_GROUPS = {
    "成都平原经济区": "成都 德阳 绵阳 遂宁 乐山 雅安 眉山 资阳",
    "川南经济区": "自贡 泸州 内江 宜宾",
    "川东北经济区": "广元 南充 广安 达州 巴中",
    "攀西经济区": "攀枝花 凉山",
    "川西北生态示范区": "阿坝 甘孜",
}


def short_form(full):
    s = ETHNIC.sub("", full)
    if s != full and len(s) >= 2:
        return s
    for suffix in ("市", "区", "县"):
        if full.endswith(suffix) and len(full) - 1 >= 2:
            return full[:-1]
    return full


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def region(name, full, code, level, parents, **attrs):
    r = {"name": name, "full_name": full, "code": code, "level": level, "parents": parents}
    if attrs:
        r["attributes"] = attrs
    return r


def finish(regions, taken):
    """Marks short forms that are ambiguous or collide with a name already taken."""
    out = []
    for r in regions:
        short = r["name"]
        if short != r["full_name"] and (short in AMBIGUOUS or short in taken):
            r = dict(r, name=r["full_name"], aliases=[])
        elif short != r["full_name"]:
            r["aliases"] = [r["full_name"]]
        taken.add(r["name"])
        out.append(r)
    return out


def main(argv):
    src = argv[1] if len(argv) > 1 else "../shared/data/divisions"
    dst = argv[2] if len(argv) > 2 else "schema"
    gaz = os.path.join(dst, "gazetteer")
    group_of = {}
    for g, members in {**CQ_GROUPS, **SC_GROUPS}.items():
        for m in members.split():
            group_of[m] = g
    zone_of = {m: z for z, members in CQ_ZONES.items() for m in members.split()}

    # Names of provinces and groups are taken first: they win collisions.
    taken = {"重庆", "四川", "北京", "天津", "上海"} | set(CQ_GROUPS) | set(SC_GROUPS) | set(CQ_ZONES)

    cq = []
    for row in read_csv(os.path.join(src, "chongqing_38_districts_counties.csv")):
        full, short = row["name"], short_form(row["name"])
        if short in zone_of:
            cq.append(region(short, full, row["code"], row["type"], ["主城都市区"], zone=zone_of[short]))
        elif short in group_of:
            cq.append(region(short, full, row["code"], row["type"], [group_of[short]]))
        else:
            sys.exit(f"{full}: not placed in a Chongqing group")

    prefectures = {}
    sc_pref = []
    for row in read_csv(os.path.join(src, "sichuan_21_prefectures.csv")):
        full, short = row["name"], short_form(row["name"])
        level = "autonomous_prefecture" if full.endswith("州") else "prefecture"
        if short not in group_of:
            sys.exit(f"{full}: not placed in a Sichuan economic region")
        sc_pref.append(region(short, full, row["code"], level, [group_of[short]]))
        prefectures[row["code"]] = short
    sc_pref = finish(sc_pref, taken)
    cq = finish(cq, taken)

    sc_counties = []
    for row in read_csv(os.path.join(src, "modood_areas_cq_sc.csv")):
        if row["provinceCode"] != "51":
            continue
        full = row["name"]
        parent = prefectures.get(row["cityCode"])
        if parent is None:
            continue
        level = "district" if full.endswith("区") else "county_city" if full.endswith("市") else "county"
        sc_counties.append(region(short_form(full), full, row["code"], level, [parent]))
    # Names that occur twice in Sichuan (市中区 in 内江 and 乐山) keep the prefecture in their name.
    counts = {}
    for r in sc_counties:
        counts[r["full_name"]] = counts.get(r["full_name"], 0) + 1
    for r in sc_counties:
        if counts[r["full_name"]] > 1:
            r["full_name"] = r["parents"][0] + r["full_name"]
            r["name"] = r["full_name"]
    sc_counties = finish(sc_counties, taken)

    about = ("Generated by tools/make_gazetteer.py from the public lists in ../shared/data/divisions "
             "(modood/Administrative-divisions-of-China, data as of 2022-10-31). Edit the script, not this file.")
    for fname, regions in (("regions_chongqing.json", cq), ("regions_sichuan.json", sc_pref + sc_counties)):
        path = os.path.join(gaz, fname)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write('{"about": ' + json.dumps(about, ensure_ascii=False) + ',\n "regions": [\n')
            f.write(",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in regions))
            f.write("\n ]}\n")
        os.replace(tmp, path)
        print(f"{path}: {len(regions)} regions", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
