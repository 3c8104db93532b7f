"""The name grammar: entity boundaries never depend on where jieba cuts."""

import pytest

from tests.conftest import entities_of

# fmt: off
# (text, expected entity) -- jieba splits every one of these names differently
NAMES = [
    ("撬动社会投资300亿元打造团结湖数字经济产业园。", ("project", "团结湖数字经济产业园")),
    ("加快建设綦江蟠龙（二期）抽水蓄能电站项目。", None),
    ("推进“一业一证”智慧审批改革。", ("program", "一业一证智慧审批改革")),
    ("实施“临空制造攻坚行动计划”。", ("program", "临空制造攻坚行动计划")),
    ("推进成渝地区双城经济圈建设“一号工程”。", ("program", "成渝地区双城经济圈建设一号工程")),
    ("提速升级农村电商“五大体系”。", ("program", "农村电商五大体系")),
    ("成立白马湖实验室和智能感知技术创新中心。", ("organization", "白马湖实验室")),
    ("引进成都云杉微电子有限公司等企业12家。", ("enterprise", "成都云杉微电子有限公司")),
    ("狠抓东海渔业、海天水产等头部企业集聚。", ("enterprise", "海天水产")),
    ("揭牌数字重庆应用开发中心。", ("project", "数字重庆应用开发中心")),
    ("全面推进“链长制”。", ("program", "链长制")),
    ("搭建“云上议事厅”平台。", ("project", "云上议事厅平台")),
    # a kind word right after a closing quote ends a name, whatever follows it
    ("“渝快办”平台受理企业诉求3000件。", ("project", "渝快办平台")),
    # 开通 introduces a name, it is not part of it
    ("开通“智慧招商”平台，签约项目5个。", ("project", "智慧招商平台")),
    # quoted applications listed before their kind word are projects, not programs
    ("推广“浙农码”“渔省心”应用场景。", ("project", "浙农码")),
    ("推广“浙农码”“渔省心”应用场景。", ("project", "渔省心")),
    # 技术创新中心 is a kind of research institution
    ("依托国家先进功能纤维技术创新中心开展攻关。", ("organization", "国家先进功能纤维技术创新中心")),
    # an organization founded (成立…中心) outranks a project with the same span
    ("成立成渝智能网联汽车创新中心，集聚企业30家。", ("organization", "成渝智能网联汽车创新中心")),
    # 和 after a kind word ends the name
    ("建成蔬菜冷链物流园区和3个乡村集市。", ("project", "蔬菜冷链物流园区")),
    # a level word inside a name is fine when a proper name precedes it
    ("加快打造仙女山国家级旅游度假区。", ("project", "仙女山国家级旅游度假区")),
    # an unquoted …制 is a program when it is an X长制, or long and introduced by a program verb
    ("全面推行林长制，守护绿水青山。", ("program", "林长制")),
    ("建立企业诉求首问负责制，提升服务效能。", ("program", "企业诉求首问负责制")),
    # a quoted requirement coordinated with a program: the program starts after 和
    ("落实市委“稳中求进”要求和城乡融合三大攻坚行动。", ("program", "城乡融合三大攻坚行动")),
    # province-wide initiatives named after their province
    ("全面推进平安浙江建设，守牢安全底线。", ("program", "平安浙江建设")),
    ("加快建设数字福建。", ("program", "数字福建")),
    # quoted codes, not names, that qualify one system are written together
    ("完善“1+N”“N+1”双向帮扶体系，带动增收。", ("program", "1+N、N+1双向帮扶体系")),
    # quoted names before a kind word are each a program
    ("推出“直播带货”“云逛展”新模式。", ("program", "直播带货")),
    # 矩阵 is a kind of system when quoted
    ("构建“1+3+N”招商矩阵，提升招商质效。", ("program", "1+3+N招商矩阵")),
    # a one-character stop word inside a word (向 in 双向) does not cut a name
    ("打造双向开放物流中心，服务外贸企业。", ("project", "双向开放物流中心")),
    # 狠抓 introduces a name
    ("狠抓长安汽车、赛力斯等龙头企业集聚。", ("enterprise", "长安汽车")),
    # items listed before 等N个…应用/平台 are applications, i.e. projects
    ("迭代升级渝快办、渝快政等3个平台。", ("project", "渝快办")),
    ("迭代升级渝快办、渝快政等3个平台。", ("project", "渝快政")),
    # a named development's later phase is a project of its own
    ("推进龙湖天街二期开工建设。", ("project", "龙湖天街二期")),
    # coordinated lines share their kind words: two projects
    ("加快推进渝自和渝毕城际铁路建设。", ("project", "渝自城际铁路")),
    ("加快推进渝自和渝毕城际铁路建设。", ("project", "渝毕城际铁路")),
    ("开工建设渝西和成达万高铁。", ("project", "渝西高铁")),
    ("开工建设渝西和成达万高铁。", ("project", "成达万高铁")),
    # the place of a branch, in brackets before the company suffix, is part of the name
    ("信达生物制药（苏州）有限公司扩大产能。", ("enterprise", "信达生物制药（苏州）有限公司")),
    ("博世汽车部件(苏州)有限公司追加投资。", ("enterprise", "博世汽车部件(苏州)有限公司")),
    # 研发 is a verb, but also the inside of a name when only a kind word would be left
    ("两江新区引进长安汽车研发中心项目。", ("project", "长安汽车研发中心项目")),
    ("区里新建智能网联汽车研发中心。", ("project", "智能网联汽车研发中心")),
    # 再 after a quoted name goes on with it; 等 after one lists it
    ("深入实施“昆山之路”再出发行动。", ("program", "昆山之路再出发行动")),
    ("打造解放碑不夜城。", ("project", "解放碑不夜城")),       # 不 inside a word cuts nothing
    ("开展“三服务”再深化行动。", ("program", "三服务再深化行动")),
    ("建立“一企一策”等机制。", ("program", "一企一策")),
    # a registered name: region + trade name + an industry that is also a verb (建设投资)
    ("村里联合乐山市五通桥城市建设投资有限公司开发民宿。", ("enterprise", "乐山市五通桥城市建设投资有限公司")),
    # a class of company before the name is not part of it
    ("外资企业林德集团投资的气体项目落户园区。", ("enterprise", "林德集团")),
    # the place in brackets after the trade name
    ("引进旭虹（绵阳）光电玻璃有限公司。", ("enterprise", "旭虹（绵阳）光电玻璃有限公司")),
    # a generic word before a place kind is part of a longer name (…材料产业基地)
    ("投资22亿元建设川能高纯晶硅材料产业基地。", ("project", "川能高纯晶硅材料产业基地")),
    ("建成绵阳智能网联汽车测试场。", ("project", "绵阳智能网联汽车测试场")),
    # a location written before a registered name is not part of it
    ("宜昌市高新区党工委书记说，走进宜昌高新区湖北兴发化学工业有限公司的车间，一片繁忙。",
     ("enterprise", "湖北兴发化学工业有限公司")),
    ("德资企业宜昌舍弗勒传动有限公司今年增资。", ("enterprise", "宜昌舍弗勒传动有限公司")),
    # two places joined by a dash inside a name
    ("高标准建设中国—东盟跨境电商产业园，入驻企业137家。", ("project", "中国—东盟跨境电商产业园")),
    ("共建开化—金东山海协作产业园。", ("project", "开化—金东山海协作产业园")),
    # construction 工程 are projects; 完成 follows a name
    ("钦州港东航道扩建工程完成主体施工。", ("project", "钦州港东航道扩建工程")),
    ("由北部湾港务集团投资建设的大榄坪南作业区码头工程投产。", ("project", "大榄坪南作业区码头工程")),
    # 计划 after a project name is a verb (plans to); a dash after a zone's short name, before a place
    ("恒驰储能在柏溪街道建设的储能系统集成基地计划三季度开工。", ("project", "储能系统集成基地")),
    ("与三江新区在赵场街道共建三江—叙州新能源装备配套园。", ("project", "三江—叙州新能源装备配套园")),
    ("在通滩镇共建川渝装备制造协作园，首批落户企业6家。", ("project", "川渝装备制造协作园")),
    # a verb or function word a candidate opens with is not part of it (jieba's word classes)
    ("要发挥青山集团滨湖产业园的带动作用。", ("project", "青山集团滨湖产业园")),
    ("如杭州天目精密机械有限公司投资8亿元扩产。", ("enterprise", "杭州天目精密机械有限公司")),
    ("我希望和华中科技大学继续合作。", ("organization", "华中科技大学")),
    ("年内筹建国家稀土功能材料检测中心。", ("project", "国家稀土功能材料检测中心")),
    # a place or a phase in brackets stays inside the name
    ("推动京东（西南）智能物流产业基地落地。", ("project", "京东（西南）智能物流产业基地")),
    ("中欧班列（成都）集结中心开行班列500列。", ("project", "中欧班列（成都）集结中心")),
    # a project's name needs a proper or coined word, a place or an owner, else it is a description
    ("两江新区推动长鑫存储超级工厂投产。", ("project", "长鑫存储超级工厂")),
    ("加快建设临海水库和太湖科创中心。", ("project", "临海水库")),
    # projects listed before the kind word they share are each named with it
    ("连片打造解放碑、观音岩、朝天门商圈。", ("project", "解放碑商圈")),
    ("连片打造解放碑、观音岩、朝天门商圈。", ("project", "朝天门商圈")),
    ("开工建设国电宁海、华电莱州等煤电项目。", ("project", "华电莱州煤电项目")),
    # …the works they are, past the modifiers of the category; a stage word opens no name
    ("建成投产国电宁海、华电莱州等大型清洁高效煤电项目。", ("project", "国电宁海煤电项目")),
    # a route (from one place to another) counted among projects names one; a second place of
    # departure listed before a route that ends the list joins its name
    ("新开工蚌埠至淮南等4个项目，建成通车合肥至六安等2个项目。", ("project", "蚌埠至淮南")),
    ("新开工蚌埠至淮南等4个项目，建成通车合肥至六安等2个项目。", ("project", "合肥至六安")),
    ("续建赣州至深圳高铁。", ("project", "赣州至深圳高铁")),       # works continued: no part of the name
    ("大理、丽江至香格里拉高速项目纳入规划。", ("project", "大理、丽江至香格里拉高速项目")),
    ("加快宁淮、淮安至宿迁、徐连铁路建设。", ("project", "淮安至宿迁铁路")),
    # places listed before a facility's head each name one (a count before the head is no part)
    ("建好合肥、芜湖、蚌埠算力枢纽。", ("project", "合肥算力枢纽")),
    ("建好合肥、芜湖、蚌埠算力枢纽。", ("project", "蚌埠算力枢纽")),
    ("建好合肥、芜湖、蚌埠算力枢纽。", ("region", "芜湖市")),
    ("建好合肥、芜湖、蚌埠算力枢纽。", ("region", "蚌埠市")),
    ("做强苏州、无锡、常州3大集成电路产业基地。", ("project", "常州集成电路产业基地")),
    ("做强苏州、无锡、常州3大集成电路产业基地。", ("project", "苏州集成电路产业基地")),
    # two proper names joined by 和 share the kind word
    ("建成桃花源和杏花村研学基地。", ("project", "桃花源研学基地")),
    ("建成桃花源和杏花村研学基地。", ("project", "杏花村研学基地")),
    # a phase of an undertaking named by a short proper word, or of a named plant
    ("推动万科二期380户居民顺利交房。", ("project", "万科二期")),
    ("加快田湾核电扩建一期、如东海上风电等项目建设。", ("project", "田湾核电扩建一期")),
    # short names of lines listed before the kind words they share take all of them
    ("沪苏、沪渝高速复线主线建成通车。", ("project", "沪苏高速复线")),
    ("沪苏、沪渝高速复线主线建成通车。", ("project", "沪渝高速复线")),
    # a stage of the works or their effect may follow a name
    ("推进亳州机场前期工作。", ("project", "亳州机场")),
    ("助力华星光电8.6代面板产线量产。", ("project", "华星光电8.6代面板产线")),
    ("沪渝高铁效应持续释放。", ("project", "沪渝高铁")),
    # an item listed with projects before 等(重大)项目 is one too; a lone item that names works
    ("提速宝钢湛江基地二期、柳钢防城港钢铁一体化等重大项目。", ("project", "柳钢防城港钢铁一体化")),
    ("开工淠史杭灌区现代化改造等工程。", ("project", "淠史杭灌区现代化改造")),
    # a line of common words listed beside named lines
    ("推进沪渝蓉高铁、沿江铁路等前期工作。", ("project", "沿江铁路")),
    # a name may be followed by its going into use or opening, or by a count of something else
    ("气象监测服务平台投入使用。", ("project", "气象监测服务平台")),
    ("苏宁易购线下综合馆开业迎客。", ("project", "苏宁易购线下综合馆")),
    ("“165”基层智治平台3项指标居全市首位。", ("project", "165基层智治平台")),
    # a quoted name right before a quoted project is one too
    ("打造“江心小岛”“黄酒文化体验馆”等特色场景。", ("project", "江心小岛")),
    # a quoted phrase that ends in a kind word is the name, whole
    ("某公司投资20亿元打造的“南京大学和东南大学江北联合校区项目”开工。",
     ("project", "南京大学和东南大学江北联合校区项目")),
    ("投资10亿元打造的“发动机核心部件及系统生产制造项目”落地。", ("project", "发动机核心部件及系统生产制造项目")),
    # a quoted online service called 一件事 is an application (a project)
    ("“企业开办”一件事上线运行。", ("project", "企业开办一件事")),
    # large scientific facilities listed before the kind they share; a development corridor
    ("推进强磁场、散裂中子源等大科学装置预研建设。", ("project", "散裂中子源大科学装置")),
    ("支持合肥科创大走廊创新示范。", ("project", "合肥科创大走廊")),
    # works that join two things name both
    ("开工建设长江与汉江航道连通工程。", ("project", "长江与汉江航道连通工程")),
    # a time word and the verbs after it open no name; a freight train service named by two places
    ("他说：“如今搭上中欧班列，班次稳定。”", ("project", "中欧班列")),
    # works on a route are built: a project, not a campaign called …工程
    ("加快G318线康定至新都桥段改建工程建设。", ("project", "G318线康定至新都桥段改建工程")),
    # a road's rerouting, named by the road's number
    ("G318改线已上报交通运输部。", ("project", "G318改线")),
    # a count of other things before a name does not make it indefinite
    ("新增一家企业入驻杨家坪商圈。", ("project", "杨家坪商圈")),
    # a college's campus in a place is a project
    ("推动四川航天职业技术学院德阳校区落地。", ("project", "四川航天职业技术学院德阳校区")),
    # an address before a name says where it is; the name starts after it
    ("老人住在浙江省杭州市上城区湖滨街道东坡社区清泰小区。", ("project", "清泰小区")),
    ("老人住在浙江省杭州市上城区湖滨街道东坡社区清泰小区。", ("region", "东坡社区")),
    # companies listed before a cue, by a trade name or a brand; a listed company's short name
    ("推动宁德时代、延锋国际等一批核心零部件配套企业入驻。", ("enterprise", "延锋国际")),
    ("雀巢和星巴克等知名咖啡品牌纷纷来采购。", ("enterprise", "星巴克")),
    ("招引纵横股份等头部企业落户。", ("enterprise", "纵横股份")),
    ("大洋电机、川渝时代建成投产。", ("enterprise", "大洋电机")),
    ("换流站、大洋电机、渝康时代建成投产。", ("enterprise", "渝康时代")),     # a known company's list-mate
    # a proper name may go on with a verb or a time word after its kind word, never with a plain noun
    ("推进亳州机场扩容改造。", ("project", "亳州机场")),
    ("推动义乌商城国际化。", ("project", "义乌商城")),
    # a …工程 that is built is a project, a campaign called …工程 a program; the verb before is no part
    ("开工建设引江补汉输水隧洞工程和沿江供水工程。", ("project", "沿江供水工程")),
    ("实施“千万工程”，建设美丽乡村。", ("program", "千万工程")),
    ("研究制定青年干部培养三年计划。", ("program", "青年干部培养三年计划")),
    # a party education campaign; the adverb before it is kept as an alias of its name
    ("扎实开展党纪学习教育。", ("program", "党纪学习教育")),
    # pilot zones are programs; a free trade zone is a region
    ("扛牢“成都低空经济先行区”使命任务。", ("program", "成都低空经济先行区")),
    ("建设国家数字经济创新发展试验区。", ("program", "国家数字经济创新发展试验区")),
    ("海南自贸试验区挂牌五周年。", ("region", "海南自贸试验区")),     # a zone, no program
    ("中国（辽宁）自贸试验区沈阳片区新增企业3000家。", ("region", "沈阳片区")),
    # a quoted initiative that opens its clause and acts is a program
    ("区属国企“提质增效”取得突破。", ("program", "提质增效")),
    ("“一县一品”“一乡一业”推动特色产业发展。", ("program", "一乡一业")),
    # a county whose name jieba tags as a verb still opens a name (开化县)
    ("共建开化—金东山海协作产业园。", ("project", "开化—金东山海协作产业园")),
    # a visit verb after the visitor's title starts no name (市长走访…, …察看…)
    ("市长走访重庆长江科技有限公司，察看智能工厂项目。", ("enterprise", "重庆长江科技有限公司")),
    ("区长到园区调研，考察成都云杉微电子有限公司。", ("enterprise", "成都云杉微电子有限公司")),
    # items of a list before 等…项目: signed or settled (落户 opens the clause), or named with an industry word
    ("盘活闲置厂房，落户凯乐智能、滨江航空物流园等项目12个。", ("enterprise", "凯乐智能")),
    ("抓好鲁北石化等一批竣工投产项目。", ("enterprise", "鲁北石化")),
    ("布局裕龙石化、渤海富源等重大项目。", ("enterprise", "渤海富源")),
    # a 、-list of trade names without a cue: two end with an industry word; the last ends there
    ("出口增长两成，天和资通、顺捷物流、丰源实业外贸额分别增长。", ("enterprise", "天和资通")),
    ("出口增长两成，天和资通、顺捷物流、丰源实业外贸额分别增长。", ("enterprise", "丰源实业")),
    # a trade name before a company post, after its country; a quoted name honoured as 中华老字号
    ("会上，德国博朗医疗有关负责人介绍了项目。", ("enterprise", "博朗医疗")),
    ("“张小泉”获评“中华老字号”。", ("enterprise", "张小泉")),
    ("推进鲁清石化转型升级。", ("enterprise", "鲁清石化")),
    ("基地加快建设；驭势智能无人车实现批量交付。", ("enterprise", "驭势智能")),     # a maker's milestone
    # a shop by its quoted name
    ("在古城“江湖味”餐饮店，经理说生意很好。", ("enterprise", "江湖味餐饮店")),
    # an estate run as a business, after the county it is in
    ("在保山市隆阳区的新寨咖啡庄园，咖农正在采摘。", ("enterprise", "新寨咖啡庄园")),
    # a company named right after a quoted sentence starts after the quote
    ("“订单多了，人手也够。”贵州黔运物流有限公司负责人说。", ("enterprise", "贵州黔运物流有限公司")),
    # a brand that is a common word names the company in a list of companies
    ("大众、宝马等车企加大投资。", ("enterprise", "大众")),
    ("海尔集团追加投资。", ("enterprise", "海尔集团")),
    ("联合小米布局智能制造产业园。", ("enterprise", "小米")),          # a common-word brand after a cue
    # a listed company's short name before a company post; a legal name whose trade name ends in 和
    ("格力电器董事长董明珠表示，将继续加大研发投入。", ("enterprise", "格力电器")),
    ("新希望六和股份有限公司总裁张某介绍了项目情况。", ("enterprise", "新希望六和股份有限公司")),
    ("伊利、蒙牛两大乳企带动上下游发展。", ("enterprise", "蒙牛")),        # the count ends the list
    ("我们引进了山东魏桥、中国宏桥等铝业龙头。", ("enterprise", "中国宏桥")),   # 等…龙头 ends a list of companies
    ("推动蓝晶微、速腾聚创、361度等企业入驻。", ("enterprise", "蓝晶微")),   # an item in digits goes on the list
    # a coined name before a post only companies have, past the company's scope (全球)
    ("苏州市委书记会见了阿斯利康全球首席执行官。", ("enterprise", "阿斯利康")),
    ("蔚来创始人李斌表示，将扩大在合肥的投资。", ("enterprise", "蔚来")),
    ("引进落地了瑞幸咖啡华中烘焙基地。", ("enterprise", "瑞幸咖啡")),   # an owner before its branch's macro-region
    ("当地引进了正大集团和温氏股份。", ("enterprise", "正大集团")),   # brought in: a common word may be the core
    ("晶科能源上饶基地年产能达到30GW。", ("project", "晶科能源上饶基地")),   # its capacity follows the name
    # a project's name never opens inside a company found before (顺 alone is a preposition to jieba)
    ("签约项目包括：顺丰华中智慧物流枢纽项目。", ("project", "顺丰华中智慧物流枢纽项目")),
    # a verb that lists opens no name (包括, 主要有)
    ("签约项目包括顺丰华中智慧物流枢纽项目。", ("project", "顺丰华中智慧物流枢纽项目")),
    ("今年重点项目主要有渝湘高铁、成达万高铁。", ("project", "渝湘高铁")),
    # a brand or listed company's short name makes a registered name whatever follows (上汽集团|位列)
    ("中国一汽、东风公司、上汽集团位列前三。", ("enterprise", "上汽集团")),
    ("中国一汽、东风公司、上汽集团位列前三。", ("enterprise", "东风公司")),
    ("推动万华化学二期、裕龙石化二期加快建设。", ("enterprise", "万华化学")),   # a listed company's plant phase
    # the country a listed company opens with is no part of it; the item runs to the list's mark
    ("今年，我们先后引进了德国博世、日本电装等外资企业。", ("enterprise", "电装")),
    ("今年，我们先后引进了德国博世、日本电装等外资企业。", ("enterprise", "博世")),
    ("签约引进了蓝晶微、速腾聚创两个新能源项目。", ("enterprise", "速腾聚创")),   # signed, counted as projects
    ("上线“渝快办”政务服务平台。", ("project", "渝快办政务服务平台")),
    # a listed company's short name that a brand opens, or that its plant's place follows
    ("3.隆基绿能西咸光伏组件项目。", ("enterprise", "隆基绿能")),
    ("宿迁市委书记 王某\n\n天合光能宿迁基地一期正式投产。", ("enterprise", "天合光能")),
    ("建成全国最大的宁德时代动力电池基地。", ("project", "宁德时代动力电池基地")),   # a superlative praises a name
    ("建设南京物流产业园。", ("project", "南京物流产业园")),
    # a commercial area named after its landmark, whatever word follows it
    ("解放碑商圈国庆期间客流量同比增长两成。", ("project", "解放碑商圈")),
    ("春熙路商圈正在加快推进智慧化改造。", ("project", "春熙路商圈")),
    ("观音桥商圈夜间消费火爆。", ("project", "观音桥商圈")),
    ("今年，江北嘴商圈新开门店120家。", ("project", "江北嘴商圈")),
]
# fmt: on


@pytest.mark.parametrize("text,expected", [n for n in NAMES if n[1]])
def test_names_boundaries(text, expected):
    assert expected in entities_of(text)


@pytest.mark.parametrize("text,bad", [
    ("为43个项目提供定制化服务。", "43个项目"),
    ("新建茶叶园区和4个电商直播园区。", "4个电商直播园区"),
    ("发挥中心城区动力引擎作用。", "发挥中心城"),
    ("武侯区坚持项目为王。", "武侯区坚持项目"),
    ("推动上市公司数量增长。", "上市公司"),
    ("确保重大项目拿地即开工。", "重大项目"),
    ("确保重大项目拿地即开工。", "确保重大项目"),
    ("线上线下协同工程师4万余名。", "线上线下协同工程"),
    ("打造“235”制造业集群。", "235制"),
    ("山区县也能招引大项目。", "能招引大项目"),
    ("不断提高服务项目的能力。", "不断提高服务项目"),
    ("不断提高服务项目的能力。", "提高服务项目"),
    ("盘活闲置资产和证券等金融资产。", "盘活闲置资产和证券"),
    ("盘活闲置资产和证券等金融资产。", "闲置资产和证券"),
    # categories, not names: a level or a count before, a count after
    ("争创国家级旅游度假区。", "国家级旅游度假区"),
    ("建设四大国际物流基地。", "四大国际物流基地"),
    ("建成森林康养景区12个。", "森林康养景区"),
    ("打造全球光伏基地。", "全球光伏基地"),
    ("坚持公有制为主体。", "公有制"),
    ("加快建设产业园二期。", "产业园二期"),
    ("项目一期投产。", "项目一期"),
    ("学校新校区投用。", "学校新校区"),
    ("打造“千湖之城”。", "千湖之城"),                                  # a title of the city
    ("推进乡村治理体制改革项目。", "乡村治理体制改革项目"),             # a program's projects
    ("促进农业科技成果高效转化应用。", "农业科技成果高效转化应用"),       # 应用 as the verb's object
    ("世界文化遗产云冈石窟，游客如织。云冈石窟，一票难求。", "世界文化遗产云冈石窟"),   # a title before
    ("企业引进一条咖啡脱皮、茶叶烘干生产线。", "茶叶烘干生产线"),         # one indefinite line
    ("花木冷链物流中心一期已投入运营。", "花木冷链物流中心一期"),         # the first phase is the centre
    # a size, rank or scope word opens a category; an indefinite quantity or a pair counts things;
    # a designation the region strives for is no undertaking yet
    ("引进大型商业综合体。", "大型商业综合体"),
    ("支持车企建设现代化制造基地。", "现代化制造基地"),
    ("建成全省首个县域垃圾转运中心。", "县域垃圾转运中心"),
    ("布局建设一批概念验证基地。", "概念验证基地"),
    ("合肥不少商场推出以旧换新。", "合肥不少商场"),
    ("推动两市协同打造区域物流双枢纽。", "区域物流双枢纽"),
    ("争创长三角新型工业化示范区和智能制造示范基地。", "长三角新型工业化示范区和智能制造示范基地"),
    ("推动园区二期开工。", "园区二期"),
    ("加快推进渝自和渝毕城际铁路建设。", "渝自和渝毕城际铁路"),
    ("数字福建大数据有限公司落户园区。", "数字福建"),
    # a quote followed by 要求, 做法, 经验… is a description, not a program
    ("贯彻落实市委“稳中求进”要求。", "稳中求进"),
    ("探索“村企结对、抱团发展”做法，带动增收。", "村企结对、抱团发展"),
    ("整合11支产业基金。", "11支产业基金"),
    ("华为数据中心项目落户园区。", "华为数据中心项目落户园区"),     # 落户 is the verb after the name
    ("“小微企业服务驿站”让企业办事不出园区。", "企业办事不出园区"),   # a clause, not a name
    ("“小微企业服务驿站”让企业办事不出园区。", "小微企业服务驿站让企业办事不出园区"),
    ("信达生物制药（苏州）有限公司扩大产能。", "苏州市"),           # the branch's place is no region here
    ("组建镇级强村公司9家。", "镇级强村公司"),                       # a kind of company
    ("建设战略性新兴产业基地。", "战略性新兴产业基地"),
    ("打造特色产业园。", "特色产业园"),
    ("联合企业攻关项目26项。", "企业攻关项目"),                       # counted
    ("外资企业林德集团投资的气体项目落户园区。", "外资企业林德集团"),
    ("“从签约到投产只用了一年，这就是园区速度。”公司总经理说。", "从签约到投产只用了一年，这就是园区速度。公司"),
    # a post after a common word is no company's
    ("现代物流负责人介绍，货量增长。", "现代物流"),
    ("推动传统化工转型升级。", "传统化工"),
    ("推动罗庄化工转型升级。", "罗庄化工"),
    ("推动智能制造装备实现量产。", "推动智能"),                             # a district's industry
    ("兰山物流、罗庄化工、河东食品等产业板块协同发展。", "兰山物流"),
    ("全省建成精品咖啡庄园近60个。", "精品咖啡庄园"),
    # a list of industries is no list of companies
    ("壮大生物医药、现代物流、电子信息产业。", "现代物流"),
    ("壮大生物医药、现代物流、智能汽车产业。", "智能汽车"),
    ("发展川渝特色食品、生物医药、现代物流。", "川渝特色食品"),
    ("推进川渝特色食品、智能终端等项目。", "川渝特色食品"),
    # industries listed before 等…项目 are no companies, even after 引进
    ("引进铝及铝精深加工、装备制造等产业链项目29个。", "装备制造"),
    # a brand inside another word, or a common-word brand before the noun it modifies
    ("充实网格力量。", "格力"),
    ("激发“大众消费”新活力。", "大众"),
    # a one-word suffix inside a word (养老|保险), a code with + before 公司, a place after 企业
    ("城乡居民养老保险参保率稳定。", "城乡居民养老保险"),
    ("推行“学校+公司”模式。", "学校+公司"),
    ("举办医药企业湖南投资合作对接会。", "湖南"),
    # descriptions: common words only, and short
    ("搭建交流合作平台，服务企业出海。", "交流合作平台"),
    ("打造概念验证中心和中试基地。", "概念验证中心"),
    ("支持企业建设共性技术平台。", "共性技术平台"),
    ("我们与农科院合作开发了这条生产线。", "这条生产线"),
    ("新建“5G+”智能工厂2个。", "5G+智能工厂"),                      # counted, quoted or not
    ("加快宁淮、淮安至宿迁、徐连铁路建设。", "宁淮、淮安至宿迁铁路"),        # the items are names
    ("建好合肥、芜湖、蚌埠算力枢纽。", "合肥"),
    ("整合爱心驿站、邻里议事厅等基层服务项目。", "爱心驿站服务项目"),
    ("建成投产国电宁海、华电莱州等大型清洁高效煤电项目。", "大型清洁高效煤电项目"),
    ("建设数字经济和人工智能产业园。", "数字经济产业园"),          # descriptions are not split
    ("实施城市更新和老旧小区改造等工程。", "老旧小区"),
    # a list of common words before a kind word is a list of kinds
    ("培育物流、电商、文旅等项目。", "物流项目"),
    # a trade and a place kind word, with no place or owner in the clause: a kind of park
    ("该区正在规划建设物流产业园，预计明年投用。", "物流产业园"),
    ("伊利、蒙牛两大乳企带动上下游发展。", "蒙牛两大乳企"),
    ("打造核心商圈。", "核心商圈"),
    ("该集团董事长表示，将扩大投资。", "该集团"),
    ("引进科技集团。", "科技集团"),
    ("依托政务服务平台，实现一网通办。", "政务服务平台"),     # a service platform of common words is a kind
    ("推动华为、苹果、腾讯等企业数据中心落户贵安新区。", "企业数据中心"),   # companies' facilities, no name
    ("推动华为、苹果、腾讯等企业数据中心落户贵安新区。", "数据中心"),
    ("3.隆基绿能西咸光伏组件项目。", "隆基"),      # the brand inside the listed name is no name of its own
    ("引进落地了蜂巢能源、中创新航两个电池项目。", "中创新航两个电池项目"),   # counted things
    ("今年，我们先后引进了德国博世、日本电装等外资企业。", "德国博世"),
    # a verb whose object is the thing (设有, 拥有), or a building verb with a word after it, opens no name
    ("吉利汽车、极氪等品牌均在宁波设有基地。", "宁波设有基地"),
    ("全县已拥有数据中心3个。", "拥有数据中心"),
    ("上汽集团在临港建设新工厂。", "临港建设新工厂"),
    ("协会会长单位董事长出席。", "会长单位"),
    ("项目建成后，将成为西南地区最大的冷链物流中心。", "冷链物流中心"),   # a superlative describes a kind
    ("隆基绿能在鄂尔多斯建设的光伏产业园已投产。", "鄂尔多斯"),     # a city, not the company of that name
    ("城市核心区商圈活力提升。", "城市核心区商圈"),
    ("重点商圈客流增长。", "重点商圈"),
])
def test_names_counted_or_generic_are_not_names(text, bad):
    assert bad not in {n for _, n in entities_of(text)}


def test_names_companies_counted_as_projects_are_no_list_of_projects():
    assert ("project", "东营富海") not in entities_of("布局东明石化、东营富海等重大项目。")


def test_names_doc_ents_match_character_spans(nlp):
    from kg.nlp.layout import normalize

    text = normalize("永川区委书记 张智\n\n加快建设永川大数据产业园，深化“标准地”改革。")
    doc = nlp(text)
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("永川大数据产业园", "PROJECT") in labels
    assert ("张智", "OFFICIAL") in labels
    assert all(e.text == text[e.start_char:e.end_char] for e in doc.ents)


def test_names_named_strategy_is_a_program():
    assert ("program", "西部陆海新通道") in entities_of("秀山县加快融入西部陆海新通道建设。")


def test_names_stop_word_inside_place_name_does_not_cut():
    assert ("enterprise", "成都云杉微电子有限公司") in entities_of("引进成都云杉微电子有限公司。")


def test_names_short_form_declared_in_brackets_is_an_alias_and_names_later_mentions():
    from kg.nlp.extract import extract
    from kg.schema import Document

    text = ("乐山市引进四川永祥多晶硅有限公司（以下简称“永祥多晶硅”）。永祥多晶硅今年产值增长两成。"
            "支持乐山高新投资发展（集团）有限公司（乐山高投）参与园区建设。")
    res = extract(Document(id="t.txt", text=text))
    ents = {e.name: e for e in res.entities if e.type == "enterprise"}
    assert "永祥多晶硅" in ents["四川永祥多晶硅有限公司"].aliases
    assert ents["四川永祥多晶硅有限公司"].mentions == 2     # the later short form counts as a mention
    assert "永祥多晶硅" not in ents


def test_names_bracket_note_that_is_no_contraction_is_no_short_form():
    from kg.nlp.extract import extract
    from kg.schema import Document

    res = extract(Document(id="t.txt", text="引进四川永祥多晶硅有限公司（全球龙头）。"))
    ents = {e.name: e for e in res.entities if e.type == "enterprise"}
    assert "全球龙头" not in ents["四川永祥多晶硅有限公司"].aliases


def test_names_customs_office_is_an_organization():
    assert ("organization", "成都海关") in entities_of("与成都海关建立“关企协作”机制。")
    assert not {n for t, n in entities_of("推动海关特殊监管区域发展。") if t == "organization"}


# Programs (named initiatives): coded and coined names, and where their names start and end.
PROGRAMS = [
    # a coined quoted name starts at its quote: what comes before says what it is for or who runs it
    ("建立推动数字转型“1357”工作体系，成效明显。", ("program", "1357工作体系"), "推动数字转型1357工作体系"),
    ("建立县领导“联企帮扶”“三个一”机制。", ("program", "联企帮扶"), "县领导联企帮扶三个一机制"),
    # …but a quoted name inside a works project stays part of it
    ("加快建设城区供水“一张网”工程。", None, "一张网工程"),
    # a plan that is handed down or drawn up is no named initiative
    ("和县发展改革委下达计划。", None, "和县发展改革委下达计划"),
    # an age cohort in quotes describes cadres, it is no initiative
    ("选拔“80后”县管正职12名。", None, "80后县管正职"),
    # a quoted code right after a program verb is the program's name
    ("全力推进“头号工程”，重点工作加速。", ("program", "头号工程"), None),
    # the items listed before a count that equals their number make one package
    ("实施强链、补链、延链“三大行动”，产业稳步增长。", ("program", "强链、补链、延链三大行动"), "延链三大行动"),
    # a quoted code that opens its clause and acts names an initiative
    ("“三个下沉”推动基层治理提质。", ("program", "三个下沉"), None),
    # a quoted name the clause takes as its lever (以…为抓手) is an initiative, with its kind phrase
    ("以打造“幸福驿站”品牌为抓手，提升服务水平。", ("program", "幸福驿站品牌"), None),
    ("以培育“青春先锋”学习型组织为抓手，推进各项工作。", ("program", "青春先锋学习型组织"), None),
    # quoted names with the kind phrases of services and methods; a tail up to eight characters
    ("大力推行“店小二”全生命周期服务，企业满意。", ("program", "店小二全生命周期服务"), "店小二"),
    ("持续擦亮“3456”服务品牌。", ("program", "3456服务品牌"), None),
    ("打造“双联双帮”企业服务党建品牌，选派干部驻企。", ("program", "双联双帮企业服务党建品牌"), None),
    ("采取“承诺制+容缺办”方式，加快验收。", ("program", "承诺制+容缺办方式"), None),
    # a brand of products is no program
    ("全力打响“齐鲁好礼”品牌。", None, "齐鲁好礼品牌"),
    # a quote that qualifies a technique, a topic, a duty or a style, or names an attitude, is no program
    ("推广“无水脱胶”技术，减少污染。", None, "无水脱胶"),
    ("开展“沉浸式”教学，提升效果。", None, "沉浸式"),
    ("落实“稳就业、保民生”责任。", None, "稳就业、保民生"),
    ("开展“点单式”培训300场。", None, "点单式"),
    ("要强化“全局意识”，勇于担当。", None, "全局意识"),
    ("探索“校地企”协同育人新路径。", None, "校地企"),
    # …while 模式 and 方式 after quotes still name programs
    ("推行“先建后补”“以奖代补”等模式。", ("program", "先建后补"), None),
    # unquoted pilots and mechanisms listed before the kind word they share
    ("获批跨境贸易便利化、数字人民币应用等国家试点。", ("program", "数字人民币应用试点"), None),
    ("获批跨境贸易便利化、数字人民币应用等国家试点。", ("program", "跨境贸易便利化试点"), None),
    ("完善赛马比拼等机制，激发活力。", ("program", "赛马比拼"), "完善赛马比拼"),
    # a program named in quotes is named whole, lead words and all
    ("依托“全国文化和旅游消费试点”，举办活动30场。", ("program", "全国文化和旅游消费试点"), None),
    # a quoted scheme of projects that is carried out (实施) is a program
    ("实施“数据要素×”重点攻关项目。", ("program", "数据要素×重点攻关项目"), None),
    # a quote that a long noun phrase goes on from qualifies the phrase: the verb carries out the phrase
    ("实施“百县千企”产业工人技能提升和岗位培训工作，成效明显。", None, "百县千企"),
    ("全面落实“先退后缴”税费12亿元。", None, "先退后缴"),
    # …while a short tail after the quote is part of the name
    ("全面推行“一窗通办”综合受理，提升效能。", ("program", "一窗通办综合受理"), None),
    # idioms and plans of figures end in a kind word but name no program; 计划 before 投资 is a verb
    ("我们将以实际行动回应群众期待。", None, "实际行动"),
    ("坚决不搞形象工程。", None, "形象工程"),
    ("民生实事完成全年计划的六成。", None, "全年计划"),
    ("编制年度政府投资计划。", None, "年度政府投资计划"),
    ("配套项目计划投资5亿元。", None, "配套项目计划"),
    # the task force, launch meeting or training series of a quoted campaign names the campaign
    ("组建“三清三查一整改”工作专班，闭环推进。", ("program", "三清三查一整改"), "三清三查一整改工作专班"),
    ("召开“比学赶超·争先进位”启动大会。", ("program", "比学赶超·争先进位"), None),
    ("开设“乡村振兴大讲堂”系列培训，覆盖干部千人。", ("program", "乡村振兴大讲堂"), None),
    # a quoted package of measures is a program, named with what it is for; unquoted 措施 is a description
    ("深化营商环境“十五条措施”，企业满意度提升。", ("program", "营商环境十五条措施"), None),
    ("清理不合理限制措施。", None, "不合理限制措施"),
    # a program's name may run into what it brings (机遇) or does (作用); a count before it ends the lead
    ("用好以旧换新专项行动机遇，扩大内需。", ("program", "以旧换新专项行动"), None),
    ("发挥两市2个跨境电商综合试验区作用。", ("program", "跨境电商综合试验区"), None),
    # a program names what it does: a verb may end its core (…转型升级试验区, …孵化培育行动)
    ("获批老工业城市转型升级试验区。", ("program", "老工业城市转型升级试验区"), None),
    ("全面实施乡村工匠孵化培育行动。", ("program", "乡村工匠孵化培育行动"), None),
    ("开展攻坚行动。", None, "开展攻坚行动"),
    ("争取数字贸易、服务消费提质等试点。", None, "服务消费提质等试点"),
    # a program verb, a short topic and a quoted code name one program
    ("推进农旅“六大融合”，打造精品线路。", ("program", "农旅六大融合"), None),
    ("推进“两个先行”。", None, "两个先行"),
    # a quoted honour or ranking is no initiative, even when it reads like one
    ("湿地修复获评“美丽中国”典型案例。", None, "美丽中国"),
    ("老街入选“全国示范步行街”名单。", None, "全国示范步行街"),
    # a campaign called the leaders' own priority (“一把手”工程) is the campaign, not a program of that name
    ("实施数字福建建设“一把手”工程。", ("program", "数字福建建设"), "一把手工程"),
    # adverb + verb before a program may be its set phrase (全面深化改革…): kept as an alias
    ("紧扣全面深化改革试验区建设，推动发展。", ("program", "改革试验区"), None),
    # the national trade-in programme is a named strategy; its own quoted campaign keeps its name
    ("优化以旧换新政策，扩大消费。", ("program", "以旧换新"), None),
    ("开展以旧换新“六进”活动20场。", ("program", "以旧换新六进活动"), None),
    # an industry layout; a bare quoted kind word; short common items of a list of kinds of work
    ("打造“渔港、茶园、古镇”文旅产业矩阵。", None, "渔港、茶园、古镇文旅产业矩阵"),
    ("开展“大比武”，选出先进。", None, "大比武"),
    ("开展拆迁攻坚、环境攻坚行动。", None, "环境攻坚行动"),
    ("建设渝川合作示范区、川黔合作先行示范区。", ("program", "川黔合作先行示范区"), None),
    # a quoted regional development layout is a program (an unquoted 布局 is a policy phrase)
    ("围绕全省“一核两翼、多点支撑”区域发展布局推进。", ("program", "一核两翼、多点支撑区域发展布局"), None),
    # a regional integration strategy is named by 同城化发展 after its area
    ("加快推进广佛同城化发展，共建都市圈。", ("program", "广佛同城化发展"), None),
    ("积极融入同城化发展。", None, "融入同城化发展"),
    # a program's kind phrase that opens with a project kind word (项目储备) makes no project
    ("滚动更新“642”项目储备，争取资金。", ("program", "642项目储备"), "更新642项目"),
    # quotes written side by side name one kind of thing: one a program, the others too
    ("“乡村振兴大讲堂”“匠心说技艺”……今年以来开展培训百余场。", ("program", "匠心说技艺"), None),
    # a verb that introduces an opportunity or a role is no part of the program after it
    ("各地借助提振消费专项行动机遇扩大内需。", ("program", "提振消费专项行动"), "借助提振消费专项行动"),
    ("充分发挥自贸试验区改革试点作用。", None, "发挥自贸试验区改革试点"),
    # a quoted name of a policy (“…”政策) is a program, whatever verb introduces it
    ("紧抓“一市一策”政策机遇，做强工业。", ("program", "一市一策政策"), None),
    # a quoted lecture series (…大讲堂) is a program; unquoted it may be a one-off event
    ("“非遗大讲堂”累计培训2000人次。", ("program", "非遗大讲堂"), None),
    # the office of a chief system (…长制办公室) names the system
    ("健全林长制办公室会议制度。", ("program", "林长制"), None),
    # single quotes inside quoted speech quote a name too
    ("“我们建立了‘墩苗壮骨’实践锻炼机制。”他说。", ("program", "墩苗壮骨实践锻炼机制"), None),
    # a fund named by its purpose only is no program; one named with a place or a coined word may be
    ("设立总规模5亿元的青年创业基金。", None, "青年创业基金"),
    ("设立西永微电园产业发展基金，撬动社会资本。", ("program", "西永微电园产业发展基金"), None),
    # …not a list of actions (a list of fields of work)
    ("开展数字化转型、绿色低碳发展等行动。", None, "数字化转型"),
]


def test_names_program_keeps_adverb_and_verb_before_it_as_an_alias():
    from kg.nlp.extract import extract
    from kg.schema import Document

    res = extract(Document(id="t.txt", text="紧扣全面深化改革试验区建设，推动发展。"))
    assert any("全面深化改革试验区" in e.aliases for e in res.entities if e.type == "program")


def test_names_program_counted_after_a_quoted_list_is_an_alias():
    from kg.nlp.extract import extract
    from kg.schema import Document

    res = extract(Document(id="t.txt", text="滚动推进“招引、签约、开工”三个一批项目，成效明显。"))
    progs = [e for e in res.entities if e.type == "program"]
    assert progs and "三个一批" in progs[0].aliases


@pytest.mark.parametrize("text,expected,bad", PROGRAMS)
def test_names_programs(text, expected, bad):
    found = entities_of(text)
    if expected:
        assert expected in found
    if bad:
        assert bad not in {n for _, n in found}


def test_names_a_known_companys_list_mate_is_no_company_when_it_is_a_place():
    assert ("enterprise", "两江新区") not in entities_of("联合华为、两江新区打造算力中心。")


# fmt: off
CLAUSE_LEADS = [
    # the clause's subject and adverbs, then its verb, open no part of the name after them
    ("区里主动协调南京星河智能科技有限公司解决用地问题。", ("enterprise", "南京星河智能科技有限公司")),
    ("县里主动联系浙江吉利控股集团有限公司。", ("enterprise", "浙江吉利控股集团有限公司")),
    ("镇里多次上门服务金禾实业有限公司。", ("enterprise", "金禾实业有限公司")),
    ("市里委托中国城市规划设计研究院编制规划。", ("organization", "中国城市规划设计研究院")),
    # an example marker inside a candidate: the name starts after it
    ("一批龙头企业如金丰公司已经落户。", ("enterprise", "金丰公司")),
    ("在展会上，我们看到华岳集团有限公司的新产品。", ("enterprise", "华岳集团有限公司")),
    ("来自恒泰集团的专家介绍了经验。", ("enterprise", "恒泰集团")),
    ("县里积极吸引浙江大学等高校来设立分支机构。", ("organization", "浙江大学")),
    ("帮助瑞丰光电科技有限公司申报专项资金。", ("enterprise", "瑞丰光电科技有限公司")),
    ("走进安徽江淮汽车集团股份有限公司的生产车间。", ("enterprise", "安徽江淮汽车集团股份有限公司")),
    ("成功招引深圳市汇川技术股份有限公司落户。", ("enterprise", "深圳市汇川技术股份有限公司")),
    ("我们聘请清华大学建筑设计研究院编制方案。", ("organization", "清华大学建筑设计研究院")),
    # an adverb jieba files as such (最终), or glued to its verb in one word (积极争取)
    ("经过多轮洽谈，最终促成深圳华强集团有限公司投资建设文旅项目。", ("enterprise", "深圳华强集团有限公司")),
    ("我们积极争取国家电网有限公司支持。", ("enterprise", "国家电网有限公司")),
    ("市里专门成立工作专班，全程服务立讯精密工业股份有限公司。", ("enterprise", "立讯精密工业股份有限公司")),
    # a verb right before a place or an organization's proper name ends what comes before it
    ("镇里组织群众学习浙江大学专家的种植经验。", ("organization", "浙江大学")),
    ("县里还积极协助宏达新材料有限公司申请贷款。", ("enterprise", "宏达新材料有限公司")),
    ("区政府与中国建筑第八工程局有限公司签订合作协议。", ("enterprise", "中国建筑第八工程局有限公司")),
    # a subject that is a post or a government, cut inside its word or acting through a verb
    ("区委书记多次协调四川长虹电子控股集团有限公司解决难题。", ("enterprise", "四川长虹电子控股集团有限公司")),
    ("县政府委托中国城市规划设计研究院编制规划。", ("organization", "中国城市规划设计研究院")),
    ("记者在车间看到天马微电子股份有限公司的新产线。", ("enterprise", "天马微电子股份有限公司")),
    ("项目负责人来自中铁二局集团有限公司。", ("enterprise", "中铁二局集团有限公司")),
    ("落户企业如华为技术有限公司、中兴通讯股份有限公司等。", ("enterprise", "华为技术有限公司")),
    ("区里成功引进杭州海康威视数字技术股份有限公司。", ("enterprise", "杭州海康威视数字技术股份有限公司")),
    ("县里一直帮助金山农业开发有限公司拓展市场。", ("enterprise", "金山农业开发有限公司")),
]
# fmt: on


@pytest.mark.parametrize("text, expected", CLAUSE_LEADS)
def test_names_clause_subject_adverb_and_verb_before_a_name_are_no_part_of_it(text, expected):
    ents = entities_of(text)
    assert expected in ents
    assert not {n for t, n in ents if t == expected[0] and n != expected[1] and n.endswith(expected[1])}


@pytest.mark.parametrize("text", [
    "湖州市引进天能动力科技有限公司。该公司主要生产电池，该项目总投资20亿元。",
    "宣告成立的宏远新材料科技公司在园区投产。",
    "今年，该项目已完成投资5亿元，该公司计划明年投产。",
    "这家企业如今已成长为行业龙头。",
    "一家新能源公司落户园区。",                 # counted in words, after a place or not
    "十堰市一家汽车零部件公司扩产。",
    "园区宣告公司成立。",                       # a bare X公司 of common words refers, it does not name
    "本地企业和外地公司同台竞争。",
])
def test_names_anaphora_and_clause_verbs_are_no_names(text):
    names = {n for _, n in entities_of(text)}
    assert not names & {"该公司", "该项目", "宣告公司", "科技公司", "宣告成立的宏远新材料科技公司", "这家企业",
                        "一家新能源公司", "十堰市一家汽车零部件公司", "汽车零部件公司", "园区宣告公司",
                        "企业和外地公司", "外地公司"}


@pytest.mark.parametrize("text, name", [
    ("比亚迪股份有限公司董事长王传福、新希望控股集团有限公司董事长刘永好出席。", "新希望控股集团有限公司"),
    ("开行西部陆海新通道江津班列。", "西部陆海新通道江津班列"),
])
def test_names_a_verb_inside_a_name_after_a_split_character_does_not_cut_it(text, name):
    assert name in {n for _, n in entities_of(text)}
