"""Japanese sentence tables for each extraction rule, through the real ja_ginza parse."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.evaluate import dice

pytestmark = pytest.mark.model

SAID = [
    # direct quote, topic speaker
    ("ディアコネスク補佐官は「米国は要求を拒否した」と述べた。", "ディアコネスク", "米国は要求を拒否した"),
    # full name resolves through the gazetteer, title dropped
    ("ロシアのプーチン大統領は「我慢は限界に達した」と警告した。", "ウラジーミル・プーチン", "我慢は限界に達した"),
    # indirect speech: the clause before と
    ("バイデン米大統領は、派兵は整合的だと述べた。", "ジョー・バイデン", "派兵は整合的だ"),
    # a name in brackets after the quote is the speaker
    ("米欧は「重大な代償を招く」(シャーマン米国務副長官)と警告した。", "ウェンディ・シャーマン", "重大な代償を招く"),
    # speaker after the claim
    ("交渉を認めるわけでもないとラブロフ氏は言明。", "セルゲイ・ラブロフ", "交渉を認めるわけでもない"),
    # stance noun: との考えを示した
    ("カービー報道官は増派の可能性も排除しないという考えを示した。", "ジョン・カービー", "増派の可能性も排除しない"),
    # zero subject carried from the previous sentence of the paragraph
    ("サリバン補佐官は「脅威は高い」と指摘。今後の会談日程は決まっていないと述べた。", "ジェイク・サリバン",
     "今後の会談日程は決まっていない"),
    # a quote, a short clause and a stance noun: 「…」と…姿勢を示した
    ("ブリンケン氏は会談冒頭で「最善の方法は外交だ」と事態打開を図りたい姿勢を示した。", "アントニー・ブリンケン",
     "最善の方法は外交だ"),
    # としている
    ("ロシアは要求項目について、危機を打開するために不可欠な条件だとしている。", "ロシア",
     "危機を打開するために不可欠な条件だ"),
    # a quoted phrase inside indirect speech stays in the claim
    ("ゼレンスキー大統領は、会談は「何の興奮も」もたらさなかったが、支援に感謝していると述べた。",
     "ウォロディミル・ゼレンスキー", "会談は何の興奮ももたらさなかったが、支援に感謝している"),
    # an office's spokesperson speaks for the office
    ("ロシア外務省の報道官はブログで、英外相が地理の知識に欠けていると批判した。", "ロシア外務省",
     "英外相が地理の知識に欠けている"),
    # the topic far from the sentence start
    ("会合に政府代表として参加したシャーマン国務副長官は会見で「緊張緩和をすべきだ」と述べた。",
     "ウェンディ・シャーマン", "緊張緩和をすべきだ"),
    # a name the parse calls a subject with no は/が after it is not the speaker
    ("翌日には欧州安保協力機構(OSCE)閣僚会合において、ラヴロフ外務大臣がこの線に沿った再編成案を欧米に提案する方針を明らかにした。",
     "セルゲイ・ラブロフ", "この線に沿った再編成案を欧米に提案する"),
    # 同氏 points back to the last person
    ("ストルテンベルグ事務総長が会見した。同氏は「決して妥協しない」と語った。", "イェンス・ストルテンベルグ",
     "決して妥協しない"),
]


@pytest.mark.parametrize(("text", "speaker", "claim"), SAID)
def test_said(extract, text, speaker, claim):
    quotes = extract(text).quotes
    assert any(speaker in q.speaker.label and dice(q.text, claim) >= 0.8 for q in quotes), quotes


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # a list of こと-items: one claim an item
        ("豊田章男社長は、工場の閉鎖は一時的であること、従業員は解雇しないことを明らかにした。",
         ["工場の閉鎖は一時的である", "従業員は解雇しない"]),
        ("メスフィン外相は、部隊の移動は訓練が目的であること、先制攻撃はありえないと回答した。",
         ["部隊の移動は訓練が目的である", "先制攻撃はありえない"]),
        # …もちろんのこと、 is no list
        ("岸田首相は、地元はもちろんのこと、国全体の利益にならないと述べた。",
         ["地元はもちろんのこと、国全体の利益にならない"]),
        # …であること: the copula's ある (fixed) belongs to the clause
        ("豊田章男社長は、工場の閉鎖は一時的であることを説明した。", ["工場の閉鎖は一時的である"]),
        # a statement adopted: …旨の声明を採択した
        ("安保理は、ミサイルの発射を強く非難する旨の議長声明を採択した。", ["ミサイルの発射を強く非難する"]),
        # a warning as a speech noun: …との警告を出した
        ("気象庁は、大雨が続くおそれがあるとの警告を出した。", ["大雨が続くおそれがある"]),
    ],
)
def test_said_claims(extract, text, claims):
    assert [q.text for q in extract(text).quotes] == claims


def test_a_resolution_naming_no_statement_is_no_claim(extract):
    assert not extract("国連安全保障理事会は、制裁を強化する決議案を採択した。").quotes


def test_anaphors_are_never_an_actor_s_name(extract):
    ex = extract("ストルテンベルグ事務総長が会見した。同氏は「決して妥協しない」と語った。両首脳は会談した。")
    assert all(q.speaker.text not in ("同氏", "両首脳") for q in ex.quotes)
    assert all(a.label not in ("同氏", "両首脳") for a in ex.mentions)


def test_two_claims_in_one_sentence(extract):
    ex = extract("ディアコネスク補佐官は「保証はない」と述べ、「来週、首脳が訪問する」と付け加えた。")
    assert [q.text for q in ex.quotes] == ["保証はない", "来週、首脳が訪問する"]
    assert {q.speaker.label for q in ex.quotes} == {"ディアコネスク"}


def test_reporting_source_is_not_the_speaker(extract):
    ex = extract("フィナンシャル・タイムズによると、プーチン大統領は「譲歩しない」と述べた。")
    [q] = ex.quotes
    assert q.speaker.label == "ウラジーミル・プーチン"
    assert q.reported_by is not None and "タイムズ" in q.reported_by.label


def test_quote_announced_by_kou_katatta(extract):
    text = "ディアコネスク補佐官がインタビューでこう語った。\n「米国は譲歩しない」\n次の段落。"
    [q] = extract(text).quotes
    assert (q.speaker.label, q.text, q.evidence.rule) == ("ディアコネスク", "米国は譲歩しない", "quotes.announced.v1")


@pytest.mark.parametrize(
    "text",
    [
        # a subject nobody knows is not the last speaker carried on
        "プーチン大統領は「戦争は望まない」と述べた。回答書では「解明が難しい事件だった」と述べている。",
        "プーチン大統領は「戦争は望まない」と述べた。その女性は、帰国時点では知らなかったと主張している。",
    ],
)
def test_unknown_subjects_do_not_inherit_the_last_speaker(extract, text):
    assert [q.text for q in extract(text).quotes] == ["戦争は望まない"]


@pytest.mark.parametrize(
    ("text", "speaker", "claim"),
    [
        ("同研究科の石山拓二教授は「安全体制を見直したい」と述べた。", "石山拓二", "安全体制を見直したい"),
        # a group (ら) speaks through its first name
        ("石山拓二教授らは「安全体制を見直したい」と述べた。", "石山拓二", "安全体制を見直したい"),
        # 市議会議員 is one title: not 谷口修市議会
        ("自民党の谷口修市議会議員は「拙速な解体は反対だ」と説明した。", "谷口修", "拙速な解体は反対だ"),
        # a role before the name is not part of it; a bracketed aside may stand between the name and は
        ("セルビアの外交官ヴラディミル・ペトロヴィッチ氏(VladimirPetrović)は、「協力を続ける」と話した。",
         "ヴラディミル・ペトロヴィッチ", "協力を続ける"),
        # the parse hangs the topic onto a verb inside the quote: still the one who speaks
        ("アメリカに駐在する外交官ヴラディミル・ペトロヴィッチ氏(VladimirPetrović)は、「セルビアが国際的義務を全面的に"
         "遂行した事例であり、今後もセルビアは国際法廷への協力を続ける」と話した。",
         "ヴラディミル・ペトロヴィッチ",
         "セルビアが国際的義務を全面的に遂行した事例であり、今後もセルビアは国際法廷への協力を続ける"),
    ],
)
def test_an_unknown_named_subject_speaks_for_itself(extract, text, speaker, claim):
    ex = extract("国際司法裁判所は判決を下した。" + text)  # an actor before: it must not be carried onto the quote
    assert [(q.speaker.label, q.text) for q in ex.quotes] == [(speaker, claim)]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # the actor marked right before the quote speaks it; the one who announces it says that it was said
        ("ロシア大統領府はプーチン大統領が「対話の用意がある」と応じたことを明らかにした。",
         {("ウラジーミル・プーチン", "対話の用意がある"),
          ("ロシア大統領府", "プーチン大統領が「対話の用意がある」と応じた")}),
        ("英国政府は会談の中止を検討したといい、NATOは「加盟国の判断を尊重する」としている。",
         {("北大西洋条約機構", "加盟国の判断を尊重する")}),
        # but Yが「…」と批判した with a speaker before: Y is the subject of the words, inside the claim
        ("プーチン大統領は、NATOが「約束を破った」と批判した。", {("ウラジーミル・プーチン", "NATOが約束を破った")}),
        # a role before が speaks the quote; it is not part of the claim
        ("米国防総省では、報道官が「部隊を待機させている」と述べた。", {("アメリカ国防総省", "部隊を待機させている")}),
    ],
)
def test_the_subject_right_before_a_quote_speaks_it(extract, text, said):
    assert {(q.speaker.label, q.text) for q in extract(text).quotes} == said


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Xでは says where; the subject of the clause speaks, known or not
        ("国連安全保障理事会では、ロシアのネベンジャ国連大使が、侵攻の計画はないと主張した。", "ネベンジャ"),
        ("米国防総省では、カービー報道官が「部隊を待機させている」と述べた。", "ジョン・カービー"),
        # with nobody named in the clause, the body speaks
        ("ロシア外務省では「対話の用意がある」と述べた。", "ロシア外務省"),
    ],
)
def test_a_setting_marked_with_dewa_is_not_the_speaker(extract, text, speaker):
    assert [q.speaker.label for q in extract(text).quotes] == [speaker]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a title alone as subject is the person last named with it
        ("岸田首相は訪米した。首相は「同盟を強化する」と述べた。", ["岸田文雄"]),
        ("カービー報道官は会見した。報道官は、部隊の派遣は決まっていないと述べた。", ["ジョン・カービー"]),
        # nobody named with that title before: nobody (not the last person named)
        ("カービー報道官は会見した。大統領は「戦争は望まない」と述べた。", []),
    ],
)
def test_a_bare_title_points_back_to_its_holder(extract, text, speakers):
    assert [q.speaker.label for q in extract(text).quotes] == speakers


@pytest.mark.parametrize(("text", "not_speaker"), [
    ("サッカークラブのFCアルマは、元代表監督のジャン・ルノー氏が総監督に就任することを発表した。", "ルノー"),
    ("時事通信によると、歌手の山田花子さんが8日午前5時に死去したことを所属事務所が10日明らかにした。", "山田"),
    ("毎日新聞によると、同校は、サッカー部は解散せず再加盟を目指すとしている。", "サッカー部"),
])
def test_the_subject_of_what_is_announced_does_not_announce(extract, text, not_speaker):
    assert not any(not_speaker in q.speaker.label for q in extract(text).quotes)


def test_scare_quotes_are_not_claims(extract):
    assert extract("「即時終戦」を掲げて政権を握った。").quotes == ()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a topic naming a mere thing (住民の不安は, 持論も) neither speaks nor stops the sentence's speaker
        ("田中局長は、委員会で住民の不安は「重く受け止めている」と答えた。", {("田中", "重く受け止めている")}),
        ("高橋知事は「財政は厳しい」と述べた。さらに「県民の理解が必要だ」と、持論も展開した。",
         {("高橋", "財政は厳しい"), ("高橋", "県民の理解が必要だ")}),
        ("山本社長は、問題は既に解決したと述べた。", {("山本", "問題は既に解決した")}),
        # a topic the parse hangs on a verb inside the quote is still carried to the next sentence
        ("松井大臣は、「空港の改革案は必要だが、まず地元の意見を聞いた上で検討する」と話した。その上で、"
         "「来年には結論を出したい」と話している。",
         {("松井", "空港の改革案は必要だが、まず地元の意見を聞いた上で検討する"), ("松井", "来年には結論を出したい")}),
        # what the speaker did before saying it is no part of the claim
        ("佐藤首相は15日に記者会見を行い、消費税の増税は当面行わないと述べた。",
         {("佐藤", "消費税の増税は当面行わない")}),
        ("田中社長は同日、東京都内で記者会見し、新製品を来年発売すると明らかにした。",
         {("田中", "新製品を来年発売する")}),
        # words quoted with 求める are said too (the demand is its own relation)
        ("会合では、鈴木議員が「政府は早急に説明してほしい」と求めた。", {("鈴木", "政府は早急に説明してほしい")}),
        # a quote the parse cut open (…ということではない read as …という + こと) is still the claim
        ("中村大臣は、羽田の国際化が進んでも、「成田が不要になるということではない」と述べた。",
         {("中村", "成田が不要になるということではない")}),
        # a readout's から-speaker is carried to the next sentence's …旨の発言があった
        ("林大臣から,両国関係を強化したい旨述べました。また,経済協力を進めていきたい旨の発言がありました。",
         {("林芳正", "両国関係を強化したい"), ("林芳正", "経済協力を進めていきたい")}),
        # a topic after a readout's speaker is part of what was said
        ("林大臣より,日本とインドは,法の支配を重視している旨述べました。",
         {("林芳正", "日本とインドは,法の支配を重視している")}),
        # Xは、Yが…することを発表した: X announces, Y is the subject of what is announced
        ("日本銀行は、黒田総裁が来月退任すると発表した。", {("日本銀行", "黒田総裁が来月退任する")}),
        ("ソニーは、吉田憲一郎社長が会長に就任することを発表した。", {("ソニー", "吉田憲一郎社長が会長に就任する")}),
        # an attempt (…しようとした) is no claim; where it was said (…の会合にて、) is no part of the claim
        ("巨人は開幕から連勝を重ね、独走態勢を築こうとした。", set()),
        ("山田大臣は都内で開かれた「地方創生に関する会合」にて、予算を増やしたい考えを示した。",
         {("山田", "予算を増やしたい")}),
        # …との共同記者会見で述べた: the one met with, not a view said
        ("ストルテンベルグ事務総長は「対話を続ける」と指摘した。来日したショルツ首相との共同記者会見で述べた。",
         {("イェンス・ストルテンベルグ", "対話を続ける")}),
        # …持論も展開した keeps the speaker for the next sentence; a time (翌9日付では) names nobody who could speak
        ("竹中市長はブログで「医療費が増えている」と記述した。さらに「生まれることが常に喜びとは限らない」と、持論も"
         "展開した。さらに翌9日付では、読者からのメールを紹介した上で、「誤解を招いたかもしれない」と記述した。",
         {("竹中", "医療費が増えている"), ("竹中", "生まれることが常に喜びとは限らない"),
          ("竹中", "誤解を招いたかもしれない")}),
        # a title alone is the person the paragraph named with it, or nobody
        ("自民党の石破茂幹事長は会見した。幹事長は「専権事項だ」と述べた。", {("石破茂", "専権事項だ")}),
        ("役員会では、山口総務会長が「説明してほしい」と求めたのに対し、幹事長は「専権事項だ」と述べた。",
         {("山口", "説明してほしい")}),
        # the question answered is no part of the answer
        ("佐野教授は会合に出席した。交渉については、山田議員の質問に対し、他国は弱腰になっていると思うと答えた。",
         {("佐野", "他国は弱腰になっていると思う")}),
        # a feeling put with its clause is said (…ことに敬意を表しました, …ことへの懸念を伝え); a bare one is not
        ("林大臣から、両国の協力を強化したい旨述べるとともに、困難な状況下、フィリピンが法の支配を重視していることに"
         "敬意を表しました。",
         {("林芳正", "両国の協力を強化したい"), ("林芳正", "困難な状況下、フィリピンが法の支配を重視している")}),
        ("上川大臣から,北朝鮮が弾道ミサイルの発射を繰り返していることへの懸念を伝え,自制を強く求めました。",
         {("上川陽子", "北朝鮮が弾道ミサイルの発射を繰り返している")}),
        ("岸田首相は、北朝鮮の動向に強い懸念を示した。", set()),
        ("岸田首相は、北朝鮮が核実験を行ったことに強い懸念を示した。", {("岸田文雄", "北朝鮮が核実験を行った")}),
        # the speaker of a clause the parse hung inside the quote (…声明を発表し、「…」としている)
        ("この内、ペプシコが最初に声明を発表し、ウェブサイトの中で「会長は辞任すべきだ」「評価は汚され続ける」としている。",
         {("ペプシコ", "会長は辞任すべきだ"), ("ペプシコ", "評価は汚され続ける")}),
        # …but not past the one named nearer the quote
        ("山田大臣と大阪府の鈴木知事が会談し、山田大臣が、「空港を拡張する」意向を示した。",
         {("山田", "空港を拡張する")}),
        # …だなどと話した: the clause before など is the claim (with its には-phrase)
        ("元工作員の金さんは委員会に招致され、拉致問題の解決には経済制裁が必要だなどと話した。",
         {("金", "拉致問題の解決には経済制裁が必要だ")}),
        ("野党の田村議員は、増税は公約違反だなどと批判した。", {("田村", "増税は公約違反だ")}),
        # a title inside the clause the parse swallowed is the sentence's own speaker: nobody is carried onto it
        ("野党の中国国民党は総統の辞任を求めた。連盟の指導者である某・前総統も、選挙で候補を支援しないと述べている。",
         set()),
        ("選挙監視団は投票は公正だったと述べた。平和維持部隊では必要ならば断固とした措置をとるとしている。",
         {("選挙監視団", "投票は公正だった")}),
        # a view said to exist (…とする見方もある) is nobody's words; a claim opening inside brackets starts after them
        ("過激派組織は活動を続けている。今後も攻撃が活発になるのではないかとする見方もある。", set()),
        ("アメリカの国家運輸安全委員会(NTSB)は調査官とともに技術者を同行させ、現地派遣することを20日発表した。",
         {("アメリカの国家運輸安全委員会", "調査官とともに技術者を同行させ、現地派遣する")}),
        # a name given (「…」と称し) is no claim; an ordinance's words are nobody's carried; a date is not claimed
        ("生徒たちは9月10日に「打ち上げ」と称し、居酒屋で飲食をした。", set()),
        ("広江議員は条例案を提出した。この条例では、人権救済機関となる委員会を設置するとしている。", set()),
        ("日本プロゴルフ協会は9月8日(UTC+9以下同)、選手権大会を日清食品の冠協賛で開催すると発表した。",
         {("日本プロゴルフ協会", "選手権大会を日清食品の冠協賛で開催する")}),
        # said of the subject (…と指摘されていた) is not the subject's words
        ("この団体はかねてから過激な集団であると指摘されていた。", set()),
        # an outlet relaying (スポーツ紙, 時事) is never the speaker
        ("スポーツ報知は、山本監督が今季限りで退任すると伝えた。", set()),
        ("ロイター通信は、関係者の話を引用して「交渉は決裂した」とした。", set()),
        # a text or a relative of someone named is not that someone, nor the one carried
        ("佐藤首相は訪米した。同社の報告書は、需要が回復すると指摘した。", set()),
        ("木村社長は会見した。木村氏の妻は「夫は無実だ」と語った。", set()),
        # a spokesperson's body, and a topic opening a sentence with no predicate (…を牽制。), are carried
        ("アルゼンチン外務省の報道官は、英国が交渉を拒んでいると批判。「対話こそが唯一の道だ」とした。",
         {("アルゼンチン外務省", "英国が交渉を拒んでいる"), ("アルゼンチン外務省", "対話こそが唯一の道だ")}),
        ("森田氏は会見で野党の動きを牽制(けんせい)。「審議を急ぐ理由はない」と皮肉った。",
         {("森田", "審議を急ぐ理由はない")}),
        # the one questioned answers, an unnamed man speaks for himself, a source's words go on being its own:
        # none of them is the topic carried from before
        ("県警は少年4人を逮捕した。調べに対して容疑を認めており、「追われるのが楽しかった」と話している。", set()),
        ("警視庁は男を事情聴取した。男は調べに対して容疑を認めており、「追われるのが楽しかった」と話している。", set()),
        ("警視庁は運転士を逮捕した。運営会社の幹部によると、「構造上、外れることはない」と話している。その上で"
         "「担当者が事情聴取を受けており、詳しい話はできない」としている。", set()),
        # an outlet's own account (…とし、…と産経新聞は伝えている) is nobody's words carried
        ("オバマ大統領は作戦を許可した。政権は今回の作戦により、一定の成果を挙げることができたとし、再選に追い風に"
         "なったと産経新聞は伝えている。", set()),
        # 「A」、またYは「B」と話した: each quote is its own topic's
        # (a surname the morphology knows: 大橋 is read as a common noun, and 2着馬の大橋厩務員 as nobody named)
        ("1着馬に騎乗した田辺騎手は「名前を残せてよかった」、また2着馬の佐藤厩務員は「まさか2着とは」とそれぞれ話した。",
         {("田辺", "名前を残せてよかった"), ("2着馬の佐藤厩務員", "まさか2着とは")}),
        ("山田監督は「悔しい」、佐藤主将は「次は勝つ」と語った。", {("山田", "悔しい"), ("佐藤", "次は勝つ")}),
        # …という力がある、と述べた: the light verb is in what was said; what the speaker did first (…求め、) is not
        ("田中市長は職員に冷静な対応を求め、市民には困難を乗り越える力がある、と述べた。",
         {("田中", "市民には困難を乗り越える力がある")}),
        # a ruling's grounds (…に違反するとして、…判決をした) are no statement
        ("東京地裁は、規定が憲法に違反するとして、原告の請求を認める判決をした。", set()),
        # a body opening the clause (Xでは…としている) says it, not the topic carried; 5日には is no claim
        ("選挙監視団は投票は公正だったと述べた。国連平和維持軍では混乱が起きれば介入するとしている。",
         {("選挙監視団", "投票は公正だった"), ("国連平和維持軍", "混乱が起きれば介入する")}),
        ("松井大臣は会見した。5日には、地元の意見を聞いて判断するとした。", {("松井", "地元の意見を聞いて判断する")}),
        # a person named (with a reading) before an office of a body speaks, not the body
        ("韓国のキム・ヨンホ(金英浩)国連次席大使は記者団に「対話の扉は開いている」と述べた。",
         {("キム・ヨンホ", "対話の扉は開いている")}),
        # an anonymous person (ある日本人力士) is nobody the graph can name: no fact, and never the state 日本
        ("ある日本人力士は「体格には埋められない差がある」と嘆いているという。", set()),
        # claim bounds: a quote opening a clause is the words, the narration after it is not (「…」として…譲渡後、…);
        # a date with から stays (7月1日から…); what the speaker did (…に着いた際、) goes; narration before the
        # speaker's own topic goes (…ため、トヨタは…としている)
        ("同社の高橋社長は、「本体は法的手続きで清算する」として別会社に営業権を譲渡後、会社清算手続きに入ると述べた。",
         {("高橋", "本体は法的手続きで清算する")}),
        ("ロシアのクドリン財務相は、7月1日から通貨ルーブルの流通規制を撤廃したことを明らかにした。",
         {("クドリン", "7月1日から通貨ルーブルの流通規制を撤廃した")}),
        ("田村氏は被災地に着いた際、今後も支援を続けていくと述べた。", {("田村", "今後も支援を続けていく")}),
        ("大阪府の山口知事は会見した。その一方で山口氏は「通常ではありえない」とこちらも不快感を示していた。",
         {("山口", "通常ではありえない")}),
        ("トヨタは損失を発表した。しかし、自己資本比率は300%台としており、基準を上回っているため、トヨタは財務上の"
         "問題はないとしている。", {("トヨタ", "財務上の問題はない")}),
        # a court's ruling narrated (…無効だったとする判断を示した) is no statement; nor are the grounds of a suit
        # (…払わされたとして返還を求めて提訴した); …として、理解を求めた still says its clause
        ("2005年に、地方裁判所が、理事会の選挙自体が無効だったとする判断を示している。", set()),
        ("理事会は声明を出した。ただし地方裁判所が、理事会の選挙自体が無効だったとする判断を示している。", set()),
        ("住民らは費用を多く払わされたとして返還を求めて一斉に提訴した。", set()),
        ("鈴木社長は、値上げはやむを得ないとして、理解を求めた。", {("鈴木", "値上げはやむを得ない")}),
        # a report of a report (…とする連絡があったと話した) is not said by the one who sent it
        ("遺族の一人は県出身の男性で、同県に住む親族によると、24日に外務省から、乗客名簿に載っていたとする連絡があった"
         "と話した。", set()),
    ],
)
def test_who_says_it_past_things_and_narration(extract, text, said):
    assert {(q.speaker.label, q.text) for q in extract(text).quotes} == said


@pytest.mark.xfail(reason="a quote inside a reported statement is attributed to the reporter, not the quoted")
def test_quote_inside_a_statement(extract):
    ex = extract("声明で「プーチン大統領は、協議が重要との見解を強調した」と説明した。")
    assert any(q.speaker.label == "ウラジーミル・プーチン" for q in ex.quotes)


DEMANDS = [
    ("ロシアは東欧駐留NATO軍の撤退を米国に要求した。", "ロシア", "東欧駐留NATO軍の撤退", "アメリカ"),
    ("バイデン大統領はロシアに対し、緊張をエスカレートさせないよう要請した。", "ジョー・バイデン",
     "緊張をエスカレートさせない", "ロシア"),
    ("ロシアが要求するNATOの拡大停止について協議した。", "ロシア", "NATOの拡大停止", None),
    ("NATOは声明で軍の撤収を求めた。", "北大西洋条約機構", "軍の撤収", None),
]


@pytest.mark.parametrize(("text", "demander", "measure", "addressee"), DEMANDS)
def test_demands(extract, text, demander, measure, addressee):
    demands = extract(text).demands
    hit = [d for d in demands if d.demander.label == demander and dice(d.measure, measure) >= 0.8]
    assert hit, demands
    assert (hit[0].addressee.label if hit[0].addressee else None) == addressee


@pytest.mark.parametrize(
    ("text", "demander", "measure", "addressee"),
    [
        # the one asked named by a coordinated act of address: its に/に対し party, described too
        ("大阪府の吉村知事は府民に冷静な行動を呼びかけるとともに、不要な外出を控えるよう呼びかけた。", "吉村",
         "不要な外出を控える", "府民"),
        ("女性は神戸家裁伊丹支部に対し家事審判を申し立て、親権者の変更を求めた。", "女性", "親権者の変更",
         "神戸家裁伊丹支部"),
        # the demander's own acts the よう-clause swallowed (呼び出して抗議し、): the one summoned is asked
        ("外務省は中国大使を呼び出して抗議し、速やかに事情を説明するよう求めた。", "日本外務省",
         "速やかに事情を説明する", "中国大使"),
        # Xが Yに…よう求める通知: the relative clause's が-subject asks, the に-party is asked, the announcer is neither
        ("日本政府は、中国当局が国内のポータルサイトに記事を削除するよう求める通知を出したと発表した。", "中国",
         "記事を削除する", "ポータルサイト"),
        ("文部科学省は、大阪府教育委員会が各校に授業を再開するよう求める文書を送ったことを明らかにした。",
         "大阪府教育委員会", "授業を再開する", "各校"),
        # the one asked at the head of the よう-clause with には/にも, or as its が-subject (a described party)
        ("ソニーは、購入者には当面は充電器を使わないよう呼びかけている。", "ソニー", "当面は充電器を使わない",
         "購入者"),
        ("気象庁は、各家庭が非常用の水を備えるよう呼びかけている。", "気象庁", "非常用の水を備える", "各家庭"),
        # the one met before the demand (Xと会談して、…を求めた)
        ("トヨタ自動車は山田太郎社長と会談し、協力を求めた。", "トヨタ自動車", "協力", "山田太郎"),
        ("孫正義社長は関淳一市長と会談して、球場の買収を提案し、3月までに回答を求めた。", "孫正義", "回答", "関淳一"),
        # a bracketed name with が the parse does not hang on the demand asks, the one who announces it does not
        ("総務省は、「緑の党」が再集計を要請したことを明らかにした。", "緑の党", "再集計", None),
        # 理解 of a thing (…に対して理解を求めた): the thing says what is asked
        ("安倍首相は、消費税の増税に対して理解を求めた。", "安倍晋三", "消費税の増税への理解", None),
        # the one asked as the whole phrase (近く here is a place, not "soon")
        ("山田花子さんは近くにいた男性会社員に助けを求めた。", "山田花子", "助け", "近くにいた男性会社員"),
        # a bare noun asked about something (…について/に関して): the thing says what is asked
        ("中国は日本に対し、尖閣諸島について説明を求めた。", "中国", "尖閣諸島についての説明", "日本"),
        ("韓国は小泉首相の参拝に関して中止を求めた。", "韓国", "小泉首相の参拝の中止", None),
        # a suit brought against a list of parties (AやBなどを相手取り): a municipality in it is asked
        ("男性と両親は、当該の教諭や横浜市などを相手取り、損害賠償を求めて横浜地裁に提訴した。", "男性", "損害賠償",
         "横浜市"),
        # a charge or a reason before what is asked is not part of it
        ("大阪市は建築基準法違反の疑いで刑事告発するよう大阪府警に要請した。", "大阪市", "刑事告発する", "大阪府警"),
        ("兵庫県の井戸知事は、水質が基準を下回っていることから早急に改善するよう業者に求めた。", "兵庫県の井戸知事",
         "早急に改善する", "業者"),
        ("市民団体は、設計した業者を建築士法違反で刑事告発するよう大阪府警に求めた。", "市民団体", "刑事告発する",
         "大阪府警"),
        ("国土交通省は、建築基準法に基づき、各社に建物を点検するよう求めた。", "国土交通省", "建物を点検する", "各社"),
        # a setting with で before the clause (…の広がりで、) is not asked; 各X at its head is who is asked, also
        # when the clause's first predicate is an adverbial one (…を急いで再開する)
        ("厚生労働省は、感染の広がりで、各施設に新たな感染者を報告するよう求めた。", "厚生労働省",
         "新たな感染者を報告する", "各施設"),
        ("文部科学省は、各校に授業を急いで再開するよう求めた。", "文部科学省", "授業を急いで再開する", "各校"),
        # the other side (相手側に) is a party asked
        ("トヨタの労働組合は、相手側に賃金の引き上げを求めた。", "トヨタの労働組合", "賃金の引き上げ", "相手側"),
        # a demand reported by another (Zは、XがYに…よう求めたと発表した), or with its が-subject hung inside the
        # clause: X asks Y, Z only tells it; one of a group (2人のうち1人) is not the group
        ("国境なき記者団は、中国政府がサイトに記事を削除するよう求めたと発表した。", "中国", "記事を削除する",
         "サイト"),
        ("警察官2人のうち1人が男性に車から降りるよう求めた。", "警察官2人のうち1人", "車から降りる", "男性"),
        # a suit or petition filed that asks: the filer asks, the party named with に対し is asked
        ("住民らは、トヨタに対し、工事の差し止めを求める訴訟を東京地裁に起こした。", "住民ら", "工事の差し止め",
         "トヨタ"),
        ("弁護団は、東京地裁に対し、処分の取り消しを求める仮処分を申し立てた。", "弁護団", "処分の取り消し",
         "東京地裁"),
        # nobody else named: the one the demander met or visited in the sentence before is asked
        ("岸田首相は、バイデン大統領と会談した。首相は、ウクライナへの支援の継続を求めた。", "岸田文雄",
         "ウクライナへの支援の継続", "ジョー・バイデン"),
        ("トルシエ氏は、沖縄県庁に仲井眞弘多知事を表敬訪問。「強いチームにしたい」と語って、スタジアム建設への協力を"
         "求めた。", "トルシエ", "スタジアム建設への協力", "仲井眞弘多"),
        # the one a letter is addressed to (X宛ての), the one summoned (公使を呼び), the one met as written (Yの社長と
        # 面会し), the party faced (Xに向けて); a channel (国連を通じて) or the one sued (Xを相手に) is never a measure
        ("日本政府は、中国政府宛ての書簡で邦人の早期解放を求めた。", "日本", "邦人の早期解放", "中国"),
        ("外務省は中国大使館の公使を呼び、邦人の早期解放を求めた。", "日本外務省", "邦人の早期解放",
         "中国大使館の公使"),
        ("労働組合は、トヨタの社長と面会し、賃上げを要望した。", "労働組合", "賃上げ", "トヨタの社長"),
        ("日本政府は、中国と交渉し、邦人の解放を求めた。", "日本", "邦人の解放", "中国"),
        ("日本政府は、中国に向けて邦人を早期に解放するよう呼びかけた。", "日本", "邦人を早期に解放する", "中国"),
        ("日本政府は、国連を通じてロシアに停戦を求めた。", "日本", "停戦", "ロシア"),
        ("ソニーはパナソニックを相手に特許料の支払いを求める訴えを起こした。", "ソニー", "特許料の支払い",
         "パナソニック"),
        # the one who reports it (外務省によると) is never the one asked; a named party the parse folded into the
        # object (林外相に…の中止を) is, but not a place a relative clause names (中国に派遣された部隊の撤収)
        ("外務省によると、中国の王毅外相は林外相に処理水の放出の中止を求めた。", "王毅", "処理水の放出の中止",
         "林芳正"),
        ("日本政府は中国に派遣された部隊の撤収を求めた。", "日本", "中国に派遣された部隊の撤収", None),
        # a council that passes a statement asking (…を求める意見書を可決した) asks
        ("仙台市議会は、宮城県に対し、対策の強化を求める意見書を可決した。", "仙台市議会", "対策の強化", "宮城県"),
        # on whose account it is to be done (X側の責任で、…) names who must act, and stays in the measure
        ("岸田首相は、北朝鮮側の責任で、拉致被害者を直ちに帰国させるよう求めた。", "岸田文雄",
         "北朝鮮側の責任で、拉致被害者を直ちに帰国させる", "北朝鮮"),
        # counsel asks in the name of the party it acts for
        ("トヨタ側の弁護士は、裁判所に請求の棄却を求めた。", "トヨタ", "請求の棄却", "裁判所"),
        ("原告側の弁護士が、裁判所に証拠の開示を求めた。", "原告側", "証拠の開示", "裁判所"),
        # a condition that belongs to a clause ended before the cue (…なら…と警告し、) does not hold the demand back
        ("日本政府は、侵攻なら制裁を科すと警告し、ロシアに部隊の撤収を要求した。", "日本", "部隊の撤収", "ロシア"),
        # the party that answers a demand made of it (…求めてきたことに対し、Yは難色を示した) is the one asked
        ("鈴木一郎選手が来季は先発で起用するように求めてきたことに対し、球団側は難色を示した。", "鈴木一郎",
         "来季は先発で起用する", "球団側"),
        # a continuative form (…を求め東京家裁に対して) modifies no noun: it asks the court the filing addresses
        ("鈴木一郎は、慰謝料の支払いを求め東京家裁に対して調停を申し立てた。", "鈴木一郎", "慰謝料の支払い",
         "東京家裁"),
        # what a suit asks is the measure, not the suit (an object the parse hung elsewhere)
        ("原告の住民らは、運営会社などに対し、約500万円の損害賠償などを求める訴訟を大阪地裁に起こした。",
         "原告の住民ら", "約500万円の損害賠償", "運営会社など"),
        # the one talked with before the demand is the one asked
        ("田中社長は山田会長らとも話し合い、支援を要請した。", "田中", "支援", "山田"),
        # a topic that holds the demand itself (…を求める考えも示した) is no subject: the speaker is carried
        ("鈴木一郎知事は議会で「断じて容認できない」と話した。市と連携し、基地の早期返還を政府に求める考えも示した。",
         "鈴木一郎", "基地の早期返還", "政府"),
        # a relative clause set off by a comma describes the whole phrase after it, not its first conjunct
        ("日本が求めていた、排出量の削減や森林の保全を先進国が負担する原則は盛り込まれなかった。", "日本",
         "排出量の削減や森林の保全を先進国が負担する原則", None),
        ("一方、同様に日本が求めていた、被害の補償や環境の回復を加害国が負担する規定は盛り込まれなかった。", "日本",
         "被害の補償や環境の回復を加害国が負担する規定", None),
        # a named topic inside the clause a reporting predicate governs asks, not a speaker carried from before
        ("田中一郎町長は計画に反対した。読売新聞によると、山田太郎防衛相は今回の結果に関して、移転は必要なものであり、"
         "地元の理解を求めていくと述べた。", "山田太郎", "地元の理解", None),
        # a party named in 『』 with an aside and など before に対し; a sum written with a digit comma stays whole
        ("遺族らは、教材を作った学校法人『山田学園』(大阪府)などに対し、約2,500万円の損害賠償を求める訴訟を起こした。",
         "遺族ら", "約2,500万円の損害賠償", "山田学園"),
        # a demand noun with what it names (…について情報提供の要請があった): a readout's から before it asks, the one
        # who answers after のに対し (or refuses: …があったが、Yは応じなかった) is asked
        ("林外務大臣から，尖閣諸島周辺の問題について情報提供の要請等があったのに対し，王毅外交部長から，中国側の立場を"
         "説明しました。", "林芳正", "尖閣諸島周辺の問題について情報提供", "王毅"),
        ("会談では、米国側から輸入制限の撤廃の要求があったが、日本側は応じなかった。", "アメリカ", "輸入制限の撤廃",
         "日本"),
        # the laws an accusation cites (AやB違反の疑いで) are never a measure of their own
        ("このため、北海道庁は消防法や建築基準法違反の疑いで業者を告発するよう札幌市に要請した。", "北海道庁",
         "業者を告発する", "札幌市"),
    ],
)
def test_demand_addressed(extract, text, demander, measure, addressee):
    found = [(d.demander.label, d.measure, d.addressee.label if d.addressee else None) for d in extract(text).demands]
    assert found == [(demander, measure, addressee)]


@pytest.mark.parametrize(
    "text",
    [
        # asking as the topic of a judgment (…を求めるのは妥当だ) is asked by nobody, least the court
        "東京地裁は判決で「国に対し負担を求めるのは妥当だ」と判断した。",
        "最高裁は、遺族に対し賠償を求めることは相当だと判示した。",
        "自民党と公明党の政策合意は実現を求めていく。",  # a bare 実現 says nothing of what is asked
        "今回のクーデターは、政府に退陣を求める事件だ。",  # an event asks nothing
        "問題の記念イベントは、日本の外務省を通して参加を要請した。",
        # a demand for a condition that has not come (…なければ…を求める) is a stance, not a demand made
        "トヨタの労働組合は、目標に達しなければ規模縮小を求める。",
        "トヨタは、売上が目標に達しなければ、社長の退任を求める方針だ。",
        # the text says it was never made
        "トヨタは、組合の要求を拒否し、賃上げを求めることはなかった。",
        "田中知事は、国に支援を求めることはしないと述べた。",
        # without asking, and a demand denied
        "トヨタは、下請け企業に値下げを求めることなく、自社で費用を負担した。",
        "トヨタは、下請け企業に値下げを求めたことを否定した。",
        "トヨタは、下請け企業に値下げを求めたとの報道を否定した。",
        "トヨタは、下請け企業に値下げを求めたという事実はないと説明した。",
        # an opinion that one should ask, a question whether to ask
        "日本政府は中国に賠償を求めるべきだ。",
        "日本政府は、中国に賠償を求めるかどうか検討している。",
    ],
)
def test_no_demand_made(extract, text):
    assert extract(text).demands == ()


def test_hypothetical_demand_less_trusted(extract):
    plain = extract("日本政府は制裁を求めるとしている。").demands
    case = extract("交渉が決裂した場合は、日本政府は制裁を求めるとしている。").demands
    assert [d.measure for d in case] == ["制裁"] and case[0].confidence < plain[0].confidence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # に加え adds a measure to the clause the cue governs
        ("ロシアはNATOの東方不拡大に加え、部隊を撤収するよう要求した。",
         {("ロシア", "NATOの東方不拡大"), ("ロシア", "部隊を撤収する")}),
        # a relative clause whose noun phrase runs on past an actor's name; the letter is no demand
        ("米政府は、ロシアが要求していたNATO不拡大提案を拒絶する書簡を送った。", {("ロシア", "NATO不拡大提案")}),
        # a demand noun with its owner and its content: the refusers demand nothing
        ("ウクライナのNATO加盟を認めないなどのロシア側の要求を欧米が拒否した。",
         {("ロシア", "ウクライナのNATO加盟を認めない")}),
        # a demand noun put forward, with a list before it
        ("中国は台湾への武器売却の停止や制裁の解除など包括的な要求を示した。",
         {("中国", "台湾への武器売却の停止"), ("中国", "制裁の解除")}),
        # a demand inside a quote, by the subject named in the quote
        ("報道官は声明で「バイデン大統領はロシアに対し、緊張を緩和するよう要請した」と述べた。",
         {("ジョー・バイデン", "緊張を緩和する")}),
    ],
)
def test_demand_constructions(extract, text, expected):
    assert {(d.demander.label, d.measure) for d in extract(text).demands} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("気象庁は注意を呼びかけた。", set()),  # a warning, not a demand
        ("日本政府は国民に外出を控えるよう呼びかけた。", {("日本", "外出を控える")}),
        # an unnamed subject is nobody to carry the last topic onto
        # an actor described but not named demands as written (GOLD_FORMAT.md), never the last one named
        ("気象庁は会見した。両県知事が自衛隊に災害派遣を要請した。", {("両県知事", "災害派遣")}),
        ("ロシアは会見した。チュニジア人の女性は写真を渡すことを拒み、対価を求めた。",
         {("チュニジア人の女性", "対価")}),
        ("ロシアは会見した。警報センターも警報を出さなかったが、海へ入らないよう注意を促していた。", set()),
        ("イチロー選手自らが要望したものだ。", set()),  # 「もの」 is no measure
        # the topics of a list of terms (Aは…以上、Bは…) name what is asked of them, not who asks
        ("日本サッカー協会は新しい基準を発表した。独自の基準を定め、スタジアムの収容人員は原則として1万人以上、"
         "クラブの監督は有資格者である以上の各項目を満たすことを求めている。", set()),
        ("日本サッカー協会は新しい基準を発表した。クラブの代表者は、各項目を満たすことを求めている。",
         {("クラブの代表者", "各項目を満たす")}),
        # the subject of a relative clause (…が停泊する港で) is not the sentence's topic
        ("米軍は会見した。しかし、北朝鮮の漁船が停泊する各港でビラを配って、情報を求めている。", set()),
    ],
)
def test_demand_guards(extract, text, expected):
    found = extract(text).demands
    assert len(found) == len(expected)
    for demander, measure in expected:
        assert any(d.demander.label == demander and dice(d.measure, measure) >= 0.7 for d in found), found


def test_coordinated_measures_split(extract):
    ex = extract("ロシアはNATO拡大停止のほか東欧からの兵力の撤退などを要求した。")
    assert sorted(d.measure for d in ex.demands) == ["NATO拡大停止", "東欧からの兵力の撤退"]


@pytest.mark.parametrize(
    "text",
    [
        "米国はロシアの要求を拒否した。",  # a refused demand is no demand of the refuser
        "日本政府は賠償を求めない方針だ。",  # a negated demand
    ],
)
def test_no_demand(extract, text):
    assert extract(text).demands == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("米国はロシアの要求を拒否した。", {("アメリカ", "ロシアの要求", "ロシア")}),
        ("NATO側は拡大停止や部隊の撤去を拒否した。", {("北大西洋条約機構", "拡大停止や部隊の撤去", None)}),
        # the subject the parse hung inside the object is the rejecter, not part of what is rejected
        ("米国とNATOがロシアの要求を拒否したことについて、グルシコ外務次官は述べた。",
         {("アメリカ", "ロシアの要求", "ロシア"), ("北大西洋条約機構", "ロシアの要求", "ロシア")}),
        ("日本政府は要求を拒否しない方針だ。", set()),  # a negated refusal is none
    ],
)
def test_rejections(extract, text, expected):
    ex = extract(text)
    assert {(r.rejecter.label, r.what, r.owner.label if r.owner else None) for r in ex.rejections} == expected
    assert not any(d.demander.label in {"アメリカ", "北大西洋条約機構"} for d in ex.demands)


MEETINGS = [
    ("バイデン米大統領とロシアのプーチン大統領は30日、電話会談を行った。", dt.date(2021, 12, 31), "2021-12-30",
     "Phone", {"ジョー・バイデン", "ウラジーミル・プーチン"}),
    ("米国とロシアは来月10日、2国間協議を開く。", dt.date(2021, 12, 27), "2022-01-10", "InPerson",
     {"アメリカ", "ロシア"}),
    ("NATOは7日、外相会合をオンライン形式で開いた。", dt.date(2022, 1, 7), "2022-01-07", "Video", {"北大西洋条約機構"}),
]


@pytest.mark.parametrize(("text", "doc_date", "date", "kind", "participants"), MEETINGS)
def test_meetings(extract, text, doc_date, date, kind, participants):
    [m] = [m for m in extract(text, doc_date).meetings if m.date]
    assert m.date.isoformat() == date
    assert m.kind == kind
    assert participants <= {p.label for p in m.participants}


@pytest.mark.parametrize(
    ("text", "participants"),
    [
        # the announcer is no participant; a state qualifying a person or a situation is none either
        ("ホワイトハウスは4日、バイデン大統領とロシアのプーチン大統領が7日に首脳会談を開催すると発表した。",
         {"ジョー・バイデン", "ウラジーミル・プーチン"}),
        # the topic of a sentence about a meeting is no participant; what follows the noun is none either
        ("ウシャコフ氏は30日の電話会談について、良い雰囲気を醸成したとの見方を示した。", set()),
        ("バイデン大統領とプーチン大統領は7日、ウクライナ情勢を解決するための首脳会談を行った。",
         {"ジョー・バイデン", "ウラジーミル・プーチン"}),
        # a pair of abbreviations names the two states
        ("10日のジュネーブでの米ロの「戦略的安定対話」が始まった。", {"アメリカ", "ロシア"}),
        # a name followed by its country
        ("ゼレンスキー大統領は15日、アリイェフ・アゼルバイジャン大統領と会談した。",
         {"ウォロディミル・ゼレンスキー", "イルハム・アリエフ"}),
    ],
)
def test_meeting_participants(extract, text, participants):
    [m] = [m for m in extract(text, dt.date(2021, 12, 31)).meetings if m.date]
    assert {p.label for p in m.participants} == participants


@pytest.mark.parametrize(
    ("text", "doc_date", "date", "status", "participants"),
    [
        # the body that holds a sitting sits in it, named or described, also where the parse hung the topic on
        # nothing
        ("朝日新聞によると将棋連盟は7月3日に臨時理事会を開催し、処分を協議する予定だ。", dt.date(2024, 5, 1),
         "2024-07-03", "Planned", {"将棋連盟"}),
        ("北陸電機は、臨時取締役会を6月10日に開く予定だ。", dt.date(2024, 5, 1), "2024-06-10", "Planned",
         {"北陸電機"}),
        ("全国漁業協同組合連合会は3日、東京都内で行った理事会で新会長を選んだ。", dt.date(2024, 5, 1),
         "2024-04-03", "Held", None),
        # who speaks at the meeting the sentence opens with takes part, where the parse put both in what is said
        ("ロイター通信によると、10日午前の閣議でフィリピンのサントス内相は、警備を強化すると述べた。",
         dt.date(2024, 5, 11), "2024-05-10", "Held", {"サントス"}),
        # a bare day read on the side of the article its status tells
        ("12日の株主総会でも、経営責任を問う質問が出そうだ。", dt.date(2024, 5, 20), "2024-06-12", "Planned", set()),
        ("5日夜、安保理が緊急会合開催。", dt.date(2024, 5, 1), "2024-04-05", "Held", None),
    ],
)
def test_meeting_hosts_dates_and_status(extract, text, doc_date, date, status, participants):
    [m] = [m for m in extract(text, doc_date).meetings if m.date]
    assert (m.date.isoformat(), m.status) == (date, status)
    if participants is not None:
        assert participants <= {p.label for p in m.participants}
    else:
        assert m.participants


def test_a_place_named_in_the_meeting_phrase(extract):
    text = "日経新聞によれば、12日に、ジュネーブでの米ロ外相会談が予定されていた。"
    [m] = extract(text, dt.date(2024, 5, 1)).meetings
    assert (m.place, m.status) == ("ジュネーブ", "Planned")
    [m] = extract("12日に、ロシアでの米ロ首脳会談が予定されていた。", dt.date(2024, 5, 1)).meetings
    assert m.place == "ロシア" and {"アメリカ", "ロシア"} <= {p.label for p in m.participants}


@pytest.mark.parametrize(
    ("text", "label", "date", "participants"),
    [
        # a sitting named in brackets after the clause that says it was held, or after its date
        ("田中一郎経済相は2023年5月16日に開かれた「物流の効率化に関する会合」(第三回)にて、規制を見直す考えを示した。",
         "会合", "2023-05-16", {"田中一郎"}),
        ("教育委員会でも、3月16日の「第15回定例委員会」で討議が行われている。", "第15回定例委員会", "2024-03-16",
         set()),
        ("番組審査委員会は4月20日に行われた「第20回委員会」にて、苦情の扱いの検討が行われた。", "第20回委員会",
         "2024-04-20", {"番組審査委員会"}),
    ],
)
def test_a_sitting_named_in_brackets(extract, text, label, date, participants):
    [m] = extract(text, dt.date(2024, 5, 1)).meetings
    assert (m.label, m.date.isoformat()) == (label, date)
    assert participants <= {p.label for p in m.participants}


def test_a_deadline_is_no_meeting_date(extract):
    found = extract("政府は、武装勢力に対し24日までに人質を解放するよう要求し、危機管理会議を開催した。",
                    dt.date(2024, 5, 20)).meetings
    assert all(m.date is None for m in found)


def test_a_sitting_named_again_the_same_day_is_one_event(extract):
    text = "欧州連合は3日に緊急理事会を開いた。同日の理事会で、加盟国は制裁で一致した。"
    found = extract(text, dt.date(2024, 5, 1)).meetings
    assert [(m.date.isoformat(), m.status) for m in found] == [("2024-04-03", "Held")]


def test_two_meetings_of_one_sentence_keep_their_own_place(extract):
    text = "食糧機関は4日、ローマで緊急会合を開くとともに、翌5日に専門家の会合を行う。"
    found = extract(text, dt.date(2024, 5, 1)).meetings
    assert sorted((m.date.isoformat(), m.place) for m in found if m.date) == [
        ("2024-05-04", "ローマ"), ("2024-05-05", None)]


def test_buildings_are_not_meetings(extract):
    assert extract("11月以降、国会議事堂周辺で反対運動が展開された。").meetings == ()


@pytest.mark.parametrize(
    "text",
    [
        "日本学術会議は16日、代理出産を原則禁止する提言を公表した。",  # a body that acts
        "パグウォッシュ会議は核軍縮を呼びかけた。",
        "日本学術会議によれば、日本だけが整備していない。",  # a source
        "日本学術会議、2008年4月16日。",  # a line of a reference list
        "英シンクタンク・王立国際問題評議会の報告書によると、同国の債務は増えている。",  # a think tank cited
        "世界水会議が発表した報告書によると、地下水は減っている。",  # a body that publishes
        # talks some day, with no date or place: no event
        "今後、工期について協議する。",
        "今後は地元の漁協と補償について協議するという。",
    ],
)
def test_bodies_named_like_meetings_are_not_meetings(extract, text):
    assert extract(text).meetings == ()


def test_a_meeting_noun_in_words_said_is_no_meeting(extract):
    ex = extract("ロシア大統領府は、プーチン大統領が「米国との対話の用意がある」と述べたと発表した。")
    assert ex.quotes and ex.meetings == ()
    [named] = extract("12日、「NATO・ロシア理事会」がブリュッセルで開かれた。").meetings  # a name in brackets
    assert named.label == "NATO・ロシア理事会" and named.date is not None


def test_a_council_that_meets_is_a_meeting(extract):
    [meeting] = extract("12日、NATOロシア理事会がブリュッセルで開かれた。").meetings
    assert meeting.date is not None and meeting.place == "ブリュッセル"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the date right after the meeting as subject, in a clause that says it took place
        ("米ロの外相会談が20日、ジュネーブで開かれた。", "2022-01-20"),
        ("日中首脳会談は3日午後、北京で行われ、両首脳は協力を確認した。", "2022-01-03"),
        ("各国代表の会合が1月19日都内で開催された。", "2022-01-19"),
        # not a day it was held: until then, or a body acting that day
        ("国際会議は17日まで続き、新たな枠組みを審議する。", None),
        ("定例会議は9日、新たな議長を選出した。", None),
    ],
)
def test_meeting_dated_after_its_noun(extract, text, date):
    ex = extract(text, dt.date(2022, 1, 25))
    assert ex.meetings or date is None  # an undated mention may be left out (v1 fills in dated meetings only)
    assert {m.date.isoformat() if m.date else None for m in ex.meetings} <= {date}


def test_both_leaders_resolve_to_the_two_named_before(extract):
    text = "バイデン米大統領とロシアのプーチン大統領が協議した。両首脳は30日、電話会談を行った。"
    [m] = [m for m in extract(text, dt.date(2021, 12, 31)).meetings if m.date]
    assert {p.label for p in m.participants} == {"ジョー・バイデン", "ウラジーミル・プーチン"}


def test_claim_said_by_both(extract):
    text = "バイデン米大統領とプーチン大統領は30日、電話会談を行った。関係が決裂する可能性があると互いに警告した。"
    assert {q.speaker.label for q in extract(text).quotes} == {"ジョー・バイデン", "ウラジーミル・プーチン"}


@pytest.mark.xfail(reason="a passive demand (…ことが要求されている) has no demander in its sentence")
def test_passive_demand(extract):
    text = "ロシアの条約案では、米国に対して、軍事基地を創設しないことが要求されている。"
    assert [d.demander.label for d in extract(text).demands] == ["ロシア"]


@pytest.mark.xfail(reason="「Xの要請で行われた」 names a demand by its owner only; the measure is the event")
def test_request_by_owner(extract):
    assert [d.demander.label for d in extract("会談はプーチン大統領の要請で行われた。").demands] == [
        "ウラジーミル・プーチン"]


def test_meeting_said_to_come_soon_has_no_date(extract):
    ex = extract("ショルツ首相は2日、近くプーチン大統領と会談すると明らかにした。", dt.date(2022, 2, 3))
    assert ex.meetings and all(m.date is None for m in ex.meetings)


@pytest.mark.parametrize("when", ["来週", "年明けに", "7月の"])
def test_vague_meeting_date_is_kept_as_text_only(extract, when):
    [m] = extract(f"両国は{when}首脳会談を開く。", dt.date(2021, 12, 31)).meetings
    assert m.date is None and m.date_text == when.rstrip("にの")


def test_undated_article_invents_no_date(extract):
    ex = extract("両首脳は13日、電話会談を行った。", None)
    assert all(m.date is None for m in ex.meetings)


def test_postponed_meeting_keeps_no_date(extract):
    ex = extract("英ロシア首脳会談は1月31日予定されていたが、首相が延期した。", dt.date(2022, 2, 3))
    assert [m.status for m in ex.meetings] == ["Postponed"]
    assert ex.meetings[0].date is None


def test_evidence_offsets_point_into_the_text(extract):
    text = "前置きの文です。\nロシアのプーチン大統領は「戦争は望まない」と述べた。"
    ex = extract(text)
    [q] = ex.quotes
    assert text[q.evidence.start : q.evidence.end] == q.evidence.sentence
    assert q.evidence.rule.startswith("quotes.direct.")


@pytest.mark.parametrize(("measure", "parts"), [
    ("NATOの加盟拡大停止や近接地帯での軍事演習をやめる", ["NATOの加盟拡大停止", "近接地帯での軍事演習をやめる"]),
    ("各家庭がラジオや救急キットを準備する", ["各家庭がラジオや救急キットを準備する"]),  # a subject of its own
    ("被害の補償や環境の回復を加害者が負担する原則", ["被害の補償や環境の回復を加害者が負担する原則"]),  # one noun
    ("拘束された記者の即時解放及び報道の自由の早期回復", ["拘束された記者の即時解放", "報道の自由の早期回復"]),
    ("旧型端末Aおよび新型端末Bの利用者にも番号を確認する", ["旧型端末Aおよび新型端末Bの利用者にも番号を確認する"]),
])
def test_split_measure_joins_what_one_clause_holds(measure, parts):
    from kg.extract.demands import split_measure

    assert split_measure(measure) == parts


def test_demand_confidence_follows_what_makes_it_reliable():
    """A frame demand with its own named demander, the one asked and a clean measure ranks above one carried from
    an earlier sentence with nobody asked, and above a surface (v1) reading of the same."""
    from kg.extract.demanded import reliability
    from kg.model import ActorRef, Demand, Evidence

    who, to = ActorRef("日本", "日本", "State"), ActorRef("中国", "中国", "State")
    ev2, ev1 = Evidence("s", 0, 1, "demands.v2"), Evidence("s", 0, 1, "demands.v1")
    best = reliability(Demand(who, "邦人の解放", ev2, addressee=to, confidence=0.75))
    carried = reliability(Demand(who, "邦人の解放", ev2, confidence=0.55))
    surface = reliability(Demand(who, "邦人の解放", ev1, addressee=to, confidence=0.75))
    long = reliability(Demand(who, "邦人の解放、補償、そして再発防止のための協議の場を設けること、" * 2, ev2,
                              addressee=to, confidence=0.75))
    assert best >= 0.75 > surface > carried and best > long


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a date an act takes effect is cut as a whole (8月15日付をもって), not left half in the claim
        ("佐藤会長は8月15日付をもって会長を辞任すると発表した。", {("佐藤", "会長を辞任する")}),
        # an ambassador to a body, named with a katakana name the parse reads as a body: the person speaks
        ("米国のグリーンフィールド国連大使は「停戦を支持する」と述べた。", {("グリーンフィールド", "停戦を支持する")}),
        # words an outlet gives as someone's 談話 or 発言 are that one's, not the outlet's
        ("英国の放送局「スポーツワン」はボスニアのアンドレ・スシッチ監督の試合後の談話を紹介し、「内容で勝った」と"
         "感想を述べている。", {("アンドレ・スシッチ", "内容で勝った")}),
        # Xの説明では、…としている: X says the whole clause, not the subject of a passive clause inside it
        ("ヤマダ氏の説明では、多くの業者が罪に問われるのはまれだとしている。",
         {("ヤマダ", "多くの業者が罪に問われるのはまれだ")}),
        # the terms of a paper signed, and a view nobody holds by name, are no one's words
        ("山田容疑者は、男性を脅した上で、借金を帳消しにするとした確認書に署名させた疑いがある。", set()),
        ("産経新聞によると、テロ組織は今後も活発になるのではないかとする見方もある。", set()),
        # …とする一方で、Yは…: the first body's claim stops where the other's begins
        ("救難信号について、フランス航空局は発信していたとする一方で、管制当局は発信がなかったとしている。",
         {("フランス航空局", "発信していた")}),
        # …と勝利し、勝ち点4とした: a score reached is no clause of words; …軽微としている still is
        ("開催国の南アフリカはフランスに2-1と勝利し、勝ち点4としたが、3位となった。", set()),
        ("トヨタは、北米の工場の被害は軽微だとしている。", {("トヨタ", "北米の工場の被害は軽微だ")}),
        # the tail of the report before (説明しているが、) is no part of the next claim
        ("厚生労働省は「給付は保たれる」と説明しているが、低下の可能性もあると示唆している。",
         {("厚生労働省", "給付は保たれる"), ("厚生労働省", "低下の可能性もある")}),
    ],
)
def test_open_domain_speakers_and_spans(extract, text, said):
    assert {(q.speaker.label, q.text) for q in extract(text).quotes} == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a と-clause set off by a comma, or followed straight by a date, before its reporting verb; the speaker as
        # the topic before the clause or as the subject after it; a (UTC+9) mark after the date
        ("ソニーは、新しい半導体工場の建設に着手したと、10月2日(UTC+9)に発表した。",
         {("ソニー", "新しい半導体工場の建設に着手した")}),
        ("ソニーは、新しい半導体工場の建設に着手したと10月2日に発表した。",
         {("ソニー", "新しい半導体工場の建設に着手した")}),
        ("工事の現場から江戸時代の石垣が見つかったと、ソニーが10月2日(UTC+9)に発表した。",
         {("ソニー", "工事の現場から江戸時代の石垣が見つかった")}),
        # two speakers, each with a quote: the parse hangs both topics on the last verb, yet the first speaks only
        # its own quote
        ("菅首相は「ワクチンの接種を急ぐ」と述べ、立憲民主党の枝野代表は「遅すぎる」と批判した。",
         {("菅義偉", "ワクチンの接種を急ぐ"), ("枝野幸男", "遅すぎる")}),
        ("菅首相は「ワクチンの接種を急ぐ」と述べたが、枝野代表は「遅すぎる」と批判した。",
         {("菅義偉", "ワクチンの接種を急ぐ"), ("枝野幸男", "遅すぎる")}),
        # one speaker, two quotes: both are its words
        ("菅首相は「ワクチンの接種を急ぐ」と述べ、「年内に終えたい」と付け加えた。",
         {("菅義偉", "ワクチンの接種を急ぐ"), ("菅義偉", "年内に終えたい")}),
        # a time adverbial heading the claim (…に先立つ同年5月、 15日、) and where it was said (演説のなかで) are
        # no part of it
        ("菅首相は、訪米に先立つ同年5月、日米の同盟は揺るがないと語っていた。", {("菅義偉", "日米の同盟は揺るがない")}),
        ("菅首相は国会での演説のなかで、18日、感染は減少に向かっていると述べた。",
         {("菅義偉", "感染は減少に向かっている")}),
        # a body joined by ・ to the person named after it is where the person works, not a second speaker
        ("パナソニック・営業本部長の鈴木一郎氏は「需要は回復している」と述べた。",
         {("鈴木一郎", "需要は回復している")}),
    ],
)
def test_clauses_dates_and_turns_of_speakers(extract, text, said):
    assert {(q.speaker.label, q.text) for q in extract(text).quotes} == said


@pytest.mark.parametrize(("claim", "trimmed"), [
    ("会談に先立つ同年4月、両国の関係は重要だ", "両国の関係は重要だ"),
    ("昨年12月、新しい工場を建てた", "新しい工場を建てた"),
    ("9月6日(UTC+9)、部品の不具合が見つかった", "部品の不具合が見つかった"),
    ("来年4月、新会社を設立する", "来年4月、新会社を設立する"),  # a date ahead is part of what is planned
    ("月、年に一度の点検を行う", "月、年に一度の点検を行う"),  # no date at all
    # a time with its time-zone mark, a local date, a date with ごろ kept whole when it is what is planned
    ("14日午後3時(UTC+1、日本時間同日午後11時)ごろに、船が港を出た", "船が港を出た"),
    ("12日夕方(UTC+9)に、破産を申請した", "破産を申請した"),
    ("現地5月2日、全ての店を閉じた", "全ての店を閉じた"),
    ("5月2日ごろ出馬を表明する", "5月2日ごろ出馬を表明する"),
    # where it was said and the quote that grounds a view: the words are the quote
    ("CNNの取材で「首相は辞めるべきだ」として退陣を迫る声が強まった", "首相は辞めるべきだ"),
])
def test_a_date_heading_a_claim_is_cut(claim, trimmed):
    from kg.extract.said import trim_narration
    assert trim_narration(claim) == trimmed


@pytest.mark.parametrize(("claim", "cut"), [
    ("22歳)から借りた車を川に捨てた", True),  # closes a bracket it never opened: the parse cut its head off
    ("ことを期待する", True),
    ("ごろ出馬を表明する意向である", True),
    ("容疑者(22歳)から借りた車を川に捨てた", False),
])
def test_a_claim_cut_open_by_the_parse_is_dropped(claim, cut):
    from kg.extract.said import discarded
    assert discarded(claim, "") is cut


@pytest.mark.parametrize(("phrase", "speaks"), [
    ("ウェブサイト上でこの団体", False),  # a place, then a word pointing back: nobody we can name
    ("居酒屋で働く26歳の店員", True),  # a place inside a description of someone
])
def test_a_pointer_after_a_place_describes_nobody(phrase, speaks):
    from kg import lexicon
    from kg.analysis.frames import Arg
    from kg.extract.said import describes_actor
    assert describes_actor(Arg("topic", "は", 0, len(phrase), phrase, -1), lexicon.load()) is speaks
