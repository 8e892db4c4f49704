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
            r["short_forms"] = [short]
        taken.add(r["name"])
        out.append(r)
    return out


# ---------- the rest of China (tools/make_gazetteer.py writes regions_china.json) ----------

# Ethnic names that autonomous prefectures, counties and banners carry (族 follows most of them).
ETHNIC_NAMES = sorted((
    "土家 苗 藏 羌 彝 回 蒙古 傈僳 纳西 布依 朝鲜 侗 哈尼 壮 傣 白 景颇 柯尔克孜 哈萨克 瑶 满 畲 黎 仡佬 水 "
    "毛南 仫佬 各 拉祜 佤 布朗 普米 独龙 怒 基诺 阿昌 德昂 锡伯 塔吉克 撒拉 土 保安 东乡 裕固 达斡尔 鄂温克 "
    "鄂伦春 维吾尔 京").split(), key=len, reverse=True)

# County-level short forms that are ordinary words or name something else more often (a district
# name that is also a slogan, a company, a river, a direction): matched only in their full form.
NATIONAL_AMBIGUOUS = set("""
新华 和平 长安 永安 城中 城东 城西 城北 城南 新城 开发 白云 青山 东山 西湖 南山 北湖 江南 江北 新兴 兴业 平安
安定 龙华 高新 新区 城关 郊区 矿区 城区 东区 西区 南区 北区 中区 河东 河西 河北 河南 山东 山西 江东 江西
海南 湖南 湖北 广东 广西 辽中 中原 华龙 人民 解放 红旗 胜利 建设 友谊 团结 光明 和顺 太平 永和 长青 天山
新市 市中 金川 大安 仁和 朝天 名山 前锋 东坡 嘉陵 南部 安居 长宁 长寿 九龙 黑水 白玉 石棉 天全 大英 兴文
城厢 东风 向阳 前进 红星 昌平 文化 文明 和谐 丰收 永定 通用 普通 公安 安全 民主 民生 平山 正定 定兴
合作 资源 振兴 复兴 新和 惠民 延长 新建 通道 大新 同心 安新 双城 富裕 平和 大城 港口 互助 同仁 富民 裕民 小店 宏伟
芙蓉 盐湖 巢湖 洪湖 梁子湖 徽州 江海
磐石 工农 友好 政和 兴国 共和 惠农 乐业 大关 和政 上城 团结 永胜 新民 安全 海港 开放 发展 安宁
双桥 新市区 东方 南海 宝山 金山 普陀 静安 长宁 黄浦 徐汇 杨浦 闵行 嘉定 松江 青浦 奉贤 崇明 浦东
""".split()) - {"浦东", "闵行", "嘉定", "松江", "青浦", "奉贤", "崇明", "徐汇", "杨浦", "黄浦", "静安"}

# Names provinces go by in their own reports besides the short form (黑龙江's reports say 龙江).
PROVINCE_ALIASES = {"黑龙江": ["龙江"]}

# Union banners go by an abbreviation, not by dropping 旗.
BANNER_SHORT_FORMS = {"达尔罕茂明安联合旗": "达茂"}

PREFECTURE_SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def strip_ethnic(full):
    """恩施土家族苗族自治州 → 恩施; 秀山土家族苗族自治县 → 秀山; None when it is not autonomous."""
    for tail in ("自治州", "自治县", "自治旗"):
        if full.endswith(tail):
            s = full[: -len(tail)]
            break
    else:
        return None
    changed = True
    while changed:
        changed = False
        for e in ETHNIC_NAMES:
            for w in (e + "族", e):
                if s.endswith(w) and len(s) - len(w) >= 2:
                    s = s[: -len(w)]
                    changed = True
                    break
            if changed:
                break
    return s if len(s) >= 2 and s != full else None


def prefecture_forms(full):
    """(level, short forms, extra full-tier aliases) of a prefecture-level name."""
    if full.endswith("自治州"):
        s = strip_ethnic(full)
        return "autonomous_prefecture", ([s] if s else []), ([s + "州"] if s else [])
    if full.endswith("地区"):
        return "area", [full[:-2]], []
    if full.endswith("盟"):
        return "league", [full[:-1]], []
    if full.endswith("市"):
        return "prefecture", ([full[:-1]] if len(full) >= 3 else []), []
    return "prefecture", [], []


def county_forms(full):
    """(level, short forms, extra full-tier aliases) of a county-level name."""
    if full.endswith("自治旗"):
        return "autonomous_banner", [], []
    if full.endswith("旗"):
        # 额济纳旗 → 额济纳, 敖汉旗 → 敖汉 (read with context, as every county's short form); not a
        # banner named by a side (巴林左旗, 乌拉特中旗: 巴林 and 乌拉特 name more than one), and a
        # union banner by its usual abbreviation (达尔罕茂明安联合旗 → 达茂).
        if full in BANNER_SHORT_FORMS:
            return "banner", [BANNER_SHORT_FORMS[full]], []
        stem = full[:-1]
        if len(stem) >= 2 and stem[-1] not in "左右前中后" and not stem.endswith("联合"):
            return "banner", [stem], []
        return "banner", [], []
    if full.endswith("自治县"):
        s = strip_ethnic(full)
        return "autonomous_county", ([s] if s else []), ([s + "县"] if s else [])
    # 西沙群岛 → 西沙 (the list's name for the 西沙区 of 三沙).
    if full.endswith("群岛") and len(full) >= 4:
        return "islands", [full[:-2]], []
    for tail, level in (("新区", "district"), ("林区", "forest_district"), ("特区", "special_district")):
        if full.endswith(tail) and len(full) - len(tail) >= 2:
            return level, [full[: -len(tail)]], []
    level = {"区": "district", "县": "county", "市": "county_city"}.get(full[-1], "other")
    if level != "other" and len(full) >= 3:
        return level, [full[:-1]], []
    # Two-character names (忠县, 城区) are words as often as places: they need context like a short form.
    return level, ([full] if len(full) == 2 else []), []


def national_regions(src, taken):
    """Every province, prefecture and county outside Chongqing and Sichuan, and Hong Kong, Macao
    and Taiwan, with codes and parents (county → prefecture → province)."""
    provinces = {}  # code → region
    out = []
    for row in read_csv(os.path.join(src, "modood_provinces.csv")):
        full = row["name"]
        short = re.sub(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$", "", full)
        r = region(short, full, row["code"], "province", [])
        r["aliases"] = [full] + PROVINCE_ALIASES.get(short, [])
        provinces[row["code"]] = r
        out.append(r)
    hmt = json.load(open(os.path.join(src, "modood_HK-MO-TW.json"), encoding="utf-8"))
    hmt_codes = {"台湾省": "71", "香港特别行政区": "81", "澳门特别行政区": "82"}
    for full in ("台湾省", "香港特别行政区", "澳门特别行政区"):
        short = full[:2]
        r = region(short, full, hmt_codes[full], "province", [])
        r["aliases"] = [full]
        provinces[hmt_codes[full]] = r
        out.append(r)

    # Prefecture-level rows, then county-level rows: (region, short forms), names decided later.
    prefs, counties = {}, []
    for row in read_csv(os.path.join(src, "modood_cities.csv")):
        if row["provinceCode"] in ("50", "51") or row["name"] in PREFECTURE_SKIP:
            continue
        full = row["name"]
        level, shorts, extra = prefecture_forms(full)
        r = region(None, full, row["code"], level, [provinces[row["provinceCode"]]["name"]])
        r["aliases"], r["short_forms"] = [full] + extra, shorts
        prefs[row["code"]] = r
    for row in read_csv(os.path.join(src, "modood_areas.csv")):
        # Codes ..7x are development zones and other functional areas (长春高新技术产业开发区): they
        # are platforms, found by their heads, not divisions.
        if row["provinceCode"] in ("50", "51") or row["code"][4] == "7":
            continue
        full = row["name"]
        pref = prefs.get(row["cityCode"])
        if pref and full == pref["full_name"]:
            continue  # 儋州市 under 儋州市: a prefecture without counties lists itself
        level, shorts, extra = county_forms(full)
        r = region(None, full, row["code"], level, [pref["full_name"] if pref else provinces[row["provinceCode"]]["name"]])
        r["aliases"], r["short_forms"] = [full] + extra, shorts
        r["_prefix"] = (pref["short_forms"][:1] or [pref["full_name"]])[0] if pref else provinces[row["provinceCode"]]["name"]
        r["_prefix_full"] = pref["full_name"] if pref else provinces[row["provinceCode"]]["full_name"]
        counties.append(r)
    # Hong Kong's districts and Macao's parishes by full name; Taiwan's cities and counties.
    for full_prov, parts in hmt.items():
        code = hmt_codes[full_prov]
        prov = provinces[code]["name"]
        for k, (part, members) in enumerate(parts.items()):
            if code == "71":
                level, shorts, extra = prefecture_forms(part) if part.endswith("市") else ("county", [part[:-1]], [])
                r = region(None, part, f"{code}{k + 1:02d}", "prefecture" if part.endswith("市") else "county", [prov])
                r["aliases"], r["short_forms"] = [part], shorts
                prefs[r["code"]] = r
                continue
            for m in members:
                r = region(None, m, "", "district", [prov])
                r["aliases"], r["short_forms"] = [m], ([m] if len(m) == 2 else [])
                r["_prefix"], r["_prefix_full"] = prov, full_prov
                counties.append(r)

    everything = list(prefs.values()) + counties
    provinces_by_name = {r["name"] for r in out}
    # A county whose short form is a province's or prefecture's (长沙县: 长沙) is written in full.
    upper = {r["name"] for r in out} | {f for r in prefs.values() for f in r["aliases"] + r["short_forms"]}
    # A municipality's district (北京 朝阳区) ranks with prefectures: its short form stays, shared with
    # 朝阳市, and the report's province tells them apart.
    for r in counties:
        if r["parents"][0] in provinces_by_name:
            continue
        r["short_forms"] = [s for s in r["short_forms"] if s not in upper or s == r["full_name"]]
    # An island group's short form yields to any other region's (南沙 is 广州's 南沙区; 南沙群岛 keeps its
    # full name).
    others = {}
    for r in everything:
        for f in set(r["aliases"] + r["short_forms"]):
            others.setdefault(f, set()).add(id(r))
    for r in counties:
        if r["level"] == "islands":
            r["short_forms"] = [s for s in r["short_forms"] if others.get(s, set()) <= {id(r)}]
    # How many regions write each form, full or short: a form written by two is ambiguous.
    form_count = {}
    for r in everything:
        for f in set(r["aliases"] + r["short_forms"]):
            form_count[f] = form_count.get(f, 0) + 1
    for r in out:
        for f in r["aliases"] + [r["name"]]:
            form_count[f] = form_count.get(f, 0) + 1
    for r in everything:
        # Common words stay full-form only; two-character full names (忠县) stay short-tier. A county's
        # short form that is a common word and no other region's (互助, 共和) is a context form: read
        # only where a county's context names it (a list of its province's places, its parent before it).
        context = [s for s in r["short_forms"] if s in NATIONAL_AMBIGUOUS and len(r["code"]) == 6 and
                   form_count.get(s) == 1 and s not in taken and s not in upper and
                   r["full_name"] not in NATIONAL_AMBIGUOUS and s != r["full_name"]]
        r["short_forms"] = [s for s in r["short_forms"] if s not in NATIONAL_AMBIGUOUS]
        full = r["full_name"]
        if full in NATIONAL_AMBIGUOUS and "_prefix" in r:
            # 城区, 矿区, 东区: only with the city in front (阳泉城区, 阳泉市城区).
            r["aliases"] = [a for a in r["aliases"] if a != full]
            r["_qualified_name"] = r["_prefix"] + full  # 阳泉矿区
            r["full_name"] = full = r["_prefix_full"] + full  # 阳泉市矿区
        elif form_count.get(full, 0) > 1 and "_prefix" in r:
            # 鼓楼区 is in several cities: 福州市鼓楼区 and 福州鼓楼区 are not.
            r["aliases"] += [r["_prefix_full"] + full, r["_prefix"] + full]
        unique_short = [s for s in r["short_forms"] if form_count.get(s) == 1 and s not in taken and s != full]
        written = [a for a in r["aliases"] if a != full and form_count.get(a) == 1 and a not in taken]
        if unique_short:
            name = unique_short[0]
        elif written and len(r["code"]) == 4:  # 恩施州 (恩施 is also 恩施市)
            name = written[0]
        elif form_count.get(full) == 1 and full not in taken and full not in NATIONAL_AMBIGUOUS:
            name = full
        elif "_qualified_name" in r:
            name = r.pop("_qualified_name")
        else:
            name = r.get("_prefix", "") + full
        if name in taken:
            sys.exit(f"{full}: no unique name ({name})")
        r["name"] = name
        taken.add(name)
        r["aliases"] = [a for a in dict.fromkeys(r["aliases"]) if a != name]
        r.pop("_prefix", None)
        r.pop("_prefix_full", None)
        if not r["short_forms"]:
            del r["short_forms"]
        if context:
            r["context_forms"] = context
    # Parents named by full name until every name is known (prefectures are named first).
    by_full = {r["full_name"]: r["name"] for r in prefs.values()}
    for r in counties:
        r["parents"] = [by_full.get(p, p) for p in r["parents"]]
    return out, list(prefs.values()), counties


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

    # The rest of China: names of the files above and of the hand-kept groups are taken.
    for r in cq + sc_pref + sc_counties:
        taken.add(r["name"])
    with open(os.path.join(gaz, "region_groups.json"), encoding="utf-8") as f:
        taken |= {g["name"] for g in json.load(f)["regions"]}
    provinces, prefs, counties = national_regions(src, taken)
    # Prefectures outside CQ/SC are also placed in the city clusters of region_groups.json through
    # the groups' own `members`.
    about = ("Generated by tools/make_gazetteer.py from the public lists in ../shared/data/divisions "
             "(modood/Administrative-divisions-of-China, data as of 2022-10-31). Edit the script, not this file.")
    outputs = (("regions_chongqing.json", cq), ("regions_sichuan.json", sc_pref + sc_counties),
               ("regions_china.json", provinces + prefs + counties))
    for fname, regions in outputs:
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
