"""Per-language abbreviations, sentence starters and month names for transforms/sentence_splitter.py.

Data, not code: the splitter builds its per-language profiles from these sets once, at import.
They live in a module rather than under configs/ because they are part of the splitting algorithm
(tests and the golden-rule benchmark pin their effect), not a setting a user is expected to tune.

Entries are lowercase and carry no final period ("u.s" for "U.S.", "sra" for "Sra.").
Sentence starters are compared as written (capitalised).

The PYSBD_* sets were generated from pySBD 0.3.4's language modules (pysbd/lang/*.py) and
curated: entries with spaces are dropped (the splitter sees one token before a period, and
single letters such as the "m" in "p. m." are handled by rule), and pySBD's Spanish word
prefixes ("de", "en", "para"...) and a few Italian entries that are ordinary words ("bar", "all")
are left out because they would glue real sentence ends. The EXTRA_* sets are newsbeam's own.

pySBD licence (applies to the PYSBD_* sets):

    MIT License

    Copyright (c) 2019 Nipun Sadvilkar

    Permission is hereby granted, free of charge, to any person obtaining a copy
    of this software and associated documentation files (the "Software"), to deal
    in the Software without restriction, including without limitation the rights
    to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
    copies of the Software, and to permit persons to whom the Software is
    furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
    FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
    AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
    LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
    OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
    SOFTWARE.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Tokens (lowercase, without the final period) that a period after them does not end.
PYSBD_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "ar": _words(
        """
        إلخ ا ا.د ا.ش.ا ت.ب ج.ب ج.م.ع جم س.ت سم ص.ب كج كلم م م.ب ه
        """
    ),
    "bg": _words(
        """
        p.s акад ал б.р б.ред бел.а бел.пр бр бул в вж вкл вм вр г ген гр дж дм доц др ем заб зам инж к.с кв
        кв.м кг км кор куб куб.м л лв м м.г мин млн млрд мм н.с напр пл полк проф р рис с св сек см сп срв ст
        стр т т.г т.е т.н т.нар табл тел у ул фиг ха хил ч чл щ.д
        """
    ),
    "da": _words(
        """
        adm adr afd afs al alm ang ank anm ann ansvh apr arr ass att aud aug aut bd bdt bet bhk bio biol bk bl.a
        bot br bto ca cal cirk cit co cpr-nr cvr-nr d.d d.e d.m d.s d.s.s d.y d.å d.æ da dav dec def del dep
        diam din dir disp distr do dobb dr ds dvs e.b e.kr e.l e.o e.v.t eftf eftm egl eks eksam ekskl eksp
        ekspl el emer endv eng enk etc eur evt exam f f.eks f.kr f.m f.n f.o f.o.m f.s.v f.t f.v.t f.å fa fakt
        feb fec ff fg fhv fig fl flg fm fmd forb foreg foren forf forh fork form forr fors forsk forts fp fr frk
        fuldm fung fys fær g g.d g.m gd gdr gg gh gl gn gns gr grdl gross h.a h.c hdl henh henv hf hft hhv hort
        hosp hpl hr hrs hum i i.e ib ibid if ifm ill indb indreg ing inkl insp instr isl istf jan jf jfr jnr jr
        jul jun jur jvf kal kap kat kbh kem kgl kin kl kld km/t knsp komm kons korr kp kr kst kt ktr kv kvt l
        l.c lab lat lb lb.nr lejl lgd lic lign lin ling.merc litt lok lrs ltr lø m m.a.o m.fl.st m.m m/ ma mag
        maks mar mat matr.nr md mdl mdr mdtl med medd medflg medl merc mezz mf mfl mgl mhp mht mi mia mio ml
        mods modsv modt mr mrk mrs ms mul mv mvh n n.br n.f nat ned nedenn nedenst nederl nkr nl no nord nov nr
        nto nuv o o.a o.fl.st o.g o.h o.m.a obj obl obs odont oecon off ofl okt omg omr omtr on op.cit opg opl
        opr org orig osfr osv ovenn ovenst overs ovf oz p p.a p.b.v p.c p.m.v p.p p.s p.t p.v.a p.v.c par partc
        pass pct pd pens perf pers pg pga pgl ph ph.d pharm phil pinx pk pkt pl pluskv polit polyt port pos pp
        pr prc priv prod prof pron præd præf præp præs præt psych pt pæd q.e.d rad red ref reg regn rel rep repr
        rest rk russ s s.br s.d s.e s.f s.m.b.a s.u s.å s/ sa sb sc scient sek sekr sem sen sep sept sg sign sj
        skr skt slutn sml smp sms smst soc sort sp spec spm spr spsk st stk str stud subj subst suff sup suppl
        sv såk sædv sø t t.h t.o.m t.v tab td tdl tdr techn tekn temp th ti tidl tilf tilh till tilsv tjg tlf
        tlgr to tr trp tv ty u u.p u.st u.å uafh ubf ubøj udb udbet udd udg uds ugtl ulin ult undt univ v.f var
        vb vbsb vedk vedl vedr vejl vh vol vs vsa vær zool årg årh årl ø.f øv øvr
        """
    ),
    "de": _words(
        """
        adj adm adv ao.univ.prof art ass ass.prof asst b.a b.s bart bldg brig bros bse buchst bzgl bzw c.-à-d ca
        capt chr cmdr co col comdr con corp cpl d.h d.j dergl dgl di dipl.-ing dkr dr ens etc ev evtl ff g.g.a
        g.u gen ggf gov hon hon.prof hosp i.f i.h.v ii iii insp iv ix jun k.o kath lfd lt ltd m.e mag maj med
        messrs mio mlle mm mme mr mrd mrs ms msgr mwst no nos nr o.univ.-prof o.ä op ord pfc ph pp prof
        projektass pvt rep reps res rev rt s.p.a sa sen sens sfc sgt sog sogen spp sr st std str stud.ass supt
        surg u.a u.e u.s.w u.u u.ä univ.-doz univ.-prof univ.ass usf usw v vgl vi vii viii vs x xi xii xiii xiv
        xix xv xvi xvii xviii xx z.b z.t z.z z.zt zt zzt ä
        """
    ),
    "en": _words(
        """
        adj adm adv al ala alta apr arc ariz ark art assn asst attys aug ave bart bld bldg blvd brig bros btw
        cal calif capt cl cmdr co col colo comdr con conn corp cpl cres ct d.phil dak dec del dept det dist dr
        dr.phil dr.philos drs e.g ens esp esq etc exp expy ext feb fed fig fla ft fwy fy ga gen gov hon hosp hr
        hway hwy i.e ia id ida ill inc ind ing insp is jan jr jul jun kan kans ken ky la lt ltd maj man mar mass
        may md me med messrs mex mfg mich min minn miss mlle mm mme mo mont mr mrs ms msgr mssrs mt mtn neb nebr
        nev no nos nov nr oct ok okla ont op ord ore p pa pd pde penn penna pfc ph ph.d pl plz pp prof pvt que
        rd ref rep reps res rev rs rt sask sec sen sens sep sept sfc sgt sr st supt surg tce tenn tex u.s univ
        usafa ut v va ver viz vs vt wash wis wisc wy wyo yuk
        """
    ),
    "es": _words(
        """
        a.c a/c abr adj admón afmo ago almte ap apdo arq art atte av avda bco bibl bs.as c c.f c.g c/c c/u cap
        cc.aa cdad cm cra cta cv d.e.p da dcha dcho dep dic dicc dir dn doc dom dpto dr dra dto ee ej entlo esq
        etc excmo ext f.c fca fdo febr ff.aa ff.cc fig fil fra g.p g/p gob gr gral grs hnos hs igl iltre imp
        impr impto incl ing inst izdo izq izqdo j.c jue jul jun kg km lcdo ldo let lic ltd lun mar may mg min
        mié mm mt máx mín n.b no nov ntra.sra núm oct p p.a p.d p.ej p.v.p ph ph.d ppal prev prof prov ptas pts
        pza pág págs párr párrf q.e.g.e q.e.p.d q.e.s.m reg rep rr.hh rte s s.a s.a.r s.e s.l s.r.c s.r.l s.s.s
        s/n sdad seg sept sig sr sra sres srta sta sto sáb t.v.e tamb tel tfno ud uds univ uu v.b v.e vd vds vid
        vie vol vs vto
        """
    ),
    "fr": _words(
        """
        a.c.n a.m al ann apr art auj av b.p boul c.-à-d c.n c.n.s c.p.i c.q.f.d c.s ca cf ch.-l chap co contr
        dir e.g e.v env etc ex fasc fig fr fém hab i.e ibid id inf l.d lib ll.aa ll.aa.ii ll.aa.rr ll.aa.ss
        ll.ee ll.mm ll.mm.ii.rr loc.cit ltd masc mm ms n.b n.d n.d.a n.d.l.r n.d.t n.p.a.i n.s n/réf nn.ss p.c.c
        p.ex p.j p.s pl pp r.-v r.a.s r.i.p r.p s.a s.a.i s.a.r s.a.s s.e s.m s.m.i.r s.s sec sect sing sq sqq
        ss suiv sup suppl t.s.v.p tél vb vol vs x.o z.i éd
        """
    ),
    "it": _words(
        """
        1° a.c a.c/a a.cam a.civ a.cor a.d.r a.gov a.mil a.mon a.smv a.v a/a a/c a/i aa aaaa aaal aacst aamct
        aams aar aato ab abbigl abbrev abc abi abl abm abr abs absp ac acam acb acbi acc accorc accr acd ace
        acec acep aci acli acp acro acsit actl ad ad.mil ada adap adatt adc add adei adeion adhd adi adisco adj
        adm adp adr ads adsi adsl adv ae.b aefi aer aerodin aeron afa afc afci affl afi afic afm afp ag agcm
        agcom age agecs agesci agg agip agis agm agr agric agt ai aia aiab aiac aiace aiap aias aiat aib aic
        aica aicel aici aics aid aida aidaa aidac aidama aidda aidim aido aids aies aif aih aiip aimi aip aipsc
        airi ais aisa aism aiss aissca aitc aiti aitr aits aka al alai alch alg ali alim allev allus alp alq alt
        ama amaci amag amami amc ammec amn ampas amps ana anaai anac anaci anad anai anaoo anart anat anat.comp
        ancci anci ancip ancsa andit anec anee anem anes anffas ani ania anica anie animi anis anisc anm anmfit
        anmig anmil anmli anms anpa anpas anpci anpe anpi ansi ansv ant anta antifr antlo anton antrop anusca
        anvi anx ao ap apa apd apea apec apet api apos app app.sc apr aps apt aq ar ar.ind ar.rep arald arame
        arc arch archeol arci ardsu arg aritm arpa arpat arred arrt arsia art artig artigl artt asa asae asc
        asci ascii ascom ascop asd ase asf asfer asg asic asifa asl asmdc asmi asp aspic aspp assi assic assol
        asst aster astr astrol astron ata atb atic atm ats att attrav atv au auc aus auser aut autom av avi avis
        avo avv avvers awb awdp az azh b.a b2b b2c ba bafta bal ball banc bart bas batt bban bbc bbl bbs bbtc
        bcc bce bcf bdf bei bep bers bg bi bibl bic bioch biol bl bld bldg blpc bm bmps bmw bn bna bncf bncrm
        bni bnl bo bot bpl bpm bpn bpr br brd bre bric brig brig.ca brig.gen bros bs bsc bsp bsu bt btc btg
        btg.l btr bts bu bur bz c.a c.a.p c.c.p c.cost c.d c.le c.m c.opv c.p c.s c.v c.v.d c/a c/c c/pag ca
        ca.rep ca.sm ca.sz ca.uf caaf cab cad cae cai cal cam cap capol capt car car.sc carat card cas casaca
        casd cass.civ cat caus cav cavg cb cbd cbr cbs cc cca ccap ccda ccdp ccee cciaa ccie ccip cciss ccna
        ccnl ccnp ccpb ccs ccsp cctld cctv ccv cd cda cdma cdo cdpd cdr cds cdw ce ced cee cei cemat cenelec
        centr cepis ceps cept cerit cese cesis cesvot cet cf cfa cfr cg cgi cgil cgs ch chf chim chim.ind chir
        ci ci-europa ciber cicae cid cie cif cifej cig cigs cii cilea cilo cim cime cin cinit cio cipe cirm
        cisal ciscs cisd cisl cism citol cl class cli cm cmdr cme cmo cmr cms cmyk cm² cm³ cn cna cnb cnc cnel
        cngei cni cnipa cnit cnn cnr cns cnt cnvvf co co.ing co.sa cobas coc cod cod.civ cod.deont.not cod.pen
        cod.proc.civ cod.proc.pen codec coi col colf coll com comdr comm comp compar compl con conai conc concl
        condiz confetra confitarma confr cong congeav congiunt coni coniug consec consob contab contr coreco
        corp corr correl corrisp cosap cospe cost costr cpc cpdel cpe cpi cpl cpt cpu cr cral credem crf cri
        cric cristall crm cro cron crsm crt cs csa csai csc csm csn css ct ctc cti ctr ctsis cuc cud cun cup
        cusi cvb cvbs cwt cz d d.c d.i.a dab dac dam dams dat dau db dbms dc dca dccc dda ddp ddr ddt dea
        decoraz dect dek denom deriv derm determ df dfp dg dga dhcp di dia dial dic dicomac dif difett dig.iv
        digos dimin dimostr din dipart diplom dir dir.amm dir.can dir.civ dir.d.lav dir.giur dir.internaz dir.it
        dir.pen dir.priv dir.proces dir.pub dir.rom disus diy dl dlf dm dme dmf dmo dmoz dm² dm³ dnr dns doa doc
        docg dom dop dos dott dpa dpi dpl dpof dps dpt dr dra drm drs ds dslam dspn dss dtc dtmf dtp dts dv dvb
        dvb-t dvd dvi dwdm e.g e.p.c ead eafrd ean eap easw eb eban ebr ebri ebtn ecc eccl ecdl ecfa ecff ecg
        ecm econ econ.az econ.dom econ.pol ecpnm ed edge edi edil edit ef efa efcb efp efsa efta eg egiz egl egr
        ei eisa elab elettr elettron ellitt emap emas embr emdr emi emr en enaip enal enaoli enapi encat enclic
        enea enel eni enigm enit enol enpa enpaf enpals enpi enpmf ens entom epd epigr epirbs epl epo ept erc
        ercom ermes erp esa escl esist eso esp estens estr.min etacs etf eti etim etn etol eu eufem eufic eula
        eva® f.a f.b f.m f.p fa fabi fac facl facs fad fai faile failp failpa faisa falcri fam famar fans fao
        fapav faq farm fasi fasib fatt fbe fbi fc fco fcp fcr fcu fdi fe feaog feaosc feb fedic fema feoga ferr
        fesco fesr fess fg fi fiaf fiaip fiais fialtel fiap fiapf fiat fiavet fic ficc fice fidal fidam fidapa
        fieg fifa fifo fig figc figs filat filcams file filol filos fim fima fimmg fin finco fio fioto fipe
        fipresci fis fisar fisc fisg fisiol fisiopatol fistel fit fita fitav fits fiv fivet fivl flo flpd fm
        fmcg fmi fmth fnas fnomceo fnsi fob fod folcl fon fop fotogr fp fpc fpld fr fra fs fsc fse fsf fsfi fsh
        ft ftase ftbcc fte ftp fts ft² ft³ fuaav fut fv fvg g.fv g.u g.u.el gal gats gatt gb gc gccc gco gcost
        gd gdd gdf gdi gdo gdp ge gea gel gen geneal geod geofis geogr geogr.antr geogr.fis geol geom gep germ
        gescal gg ggv gi gia gides gift gio giorn gis gisma gismo giu gm gmdss gme gmo go gov gp gpl gprs gps gr
        gr.sel.spec gr.sel.tr gr.sqd gra gram grano grd grtn grv gsa gsm gsm-r gsr gtld gu guce gui gus ha haart
        haccp hba hcg hcrp hd-dvd hdcp hdi hdml hdtv hepa hfpa hg hifi hiperlan hiv hm hmld hon hosp hpv hr hrh
        hrm hrt html http hvac hz i.e i.g.m iana iasb iasc iass iat iata iatse iau iban ibid ibm icann icao icbi
        iccu ice icf ici icm icom icon ics icsi icstis ict icta iden idl idraul iec iedm ieee ietf ifat ifel
        ifla ifrs ifto ifts ig igm igmp igp iims iipp ilm ilo ilor ils im imaie imap imc imdb imei imi imms imo
        imp imper imperf impers imq ims imsi in inail inca incb inci ind ind.agr ind.alim ind.cart ind.chim
        ind.cuoio ind.estratt ind.graf ind.mecc ind.tess indecl indef indeterm indire inea inf infea infm inform
        ing ingl inmarsat inpdai inpdap inpgi inps inr inran ins insp int inter intr invar invim in² in³ ioma
        iosco ip ipab ipasvi ipi ippc ips iptv iq ira irap ircc ircs irda iref ires iron irpef irpeg irpet irreg
        is isae isbd isbn isc isdn isee isef isfol isg isi isia ism ismea isnart iso isp ispearmi ispel
        ispescuole ispesl ispo ispro iss issn istat istol isvap it iti itt ittiol itu iud iugr iulm iva iveco
        ivg ivr ivs iyhp j jal jit jr jv k kb kee kg kkk klm km km/h kmph kmq km² kr kw kwh l l'avv l'ing l.n la
        lag lan lanc larn laser lat lav lav.femm lav.pubbl laz lb lc lcca lcd le led lett lh li liaf lib lic
        lic.ord lic.strd licd lice lida lidci liff lifo lig liit lila lilt linfa ling lipu lis lisaac lism lit
        litab lnp lo loc loc.div lolo lom long lp lrm lrms lsi lsu lt ltd lu lug luiss lun lwt lww m.a m.b m.o
        m/s ma mac macch mag magg.(maj) magg.gen.(maj.gen.) mai maj mar mar.a mar.ca mar.ord marc mat mater max
        mb mbac mc mcl mcpc mcs md mdf mdp mec mecc med mediev mef mer merc merid mesa messrs metall meteor metr
        metrol mg mgc mgm mi mibac mica microb mifed miglio² mil mile miles/h milesph min miner mips miptv mit
        mitol miur ml mlle mls mm mme mms mm² mn mnp mo mod mol mons morf mos mpaa mpd mpeg mpi mps mq mr mrs ms
        msgr mss mt mto murst mus mvds mws m² m³ n.a n.b na naa nafta napt nars nasa nat natas nato nb nba nbc
        ncts nd nda nde ndr ndt ne ned neg neol netpac neur news! ngcc nhmf nlcc nmr no nodo nom nos nov
        novissdi npi nr nt nta nts ntsc nu nuct numism nwt nyc nz o.m.i oai-pmh oav oc occ occult oci ocr ocse
        oculist od odg odp oecd oem ofdm oft og ogg ogi ogm ohim oic oics olaf oland ole oled omi oms ong onig
        onlus onomat onpi onu op opac opec opord opsosa or ord ord.scol ore oref orient ornit orogr orp ort os
        osa osas osd ot ote ott oz p p.a p.c p.c.c p.es p.f p.m p.r p.s p.t p.v pa pac pag./p pagg./pp pai pal
        paleobot paleogr paleont paleozool paletn pamr pan papir par parapsicol part partic pass pat patol pb pc
        pci pcm pcmcia pcs pcss pct pd pda pdf pdl pds pe pec ped pedag peg pegg per.ind pers pert pesq pet petr
        petrogr pfc pg pga pgp pgut ph php pi pics pie pif pii pil pime pin pine pip pir pit pitt piuss pkcs pki
        pko pl pli plr pm pma pmi pmr pn pnf pnl po poet pof pol pop popitt popol port pos poss pots pp ppa ppc
        ppga ppp pps pptt ppv pr pra praa pref preist prep pres pret prg pri priv pro.civ prof pron pronom propr
        prov prs prtl prusst ps pse psi psicoan psicol pso psp pstn pt ptc pti ptsd ptt pu pug puk put pv pvb
        pvc pvt pz qb qcs qfd qg qi qlco qlcu qos qualif r-lan r.s ra racc radar radc radiotecn raee raf rag
        raid ram rar ras rass.avv.stato rc rca rcdp rcs rdc rdco rdf rdi rdp rds rdt re rea recipr recl reg
        region rel rem rep reps res retor rev rfi rfid rg rgb rgc rge rgi rgpt rgt ri riaa riaj riba ric rid rif
        rifl rina rip ris rit ritts rm rmn rn ro roa roc roi rom roro rov rp rpm rr rrf rs rsc rspp rss rsu rsvp
        rt rtdpc rtg rtn rtp rttt rvm s-dab s.a s.b.f s.n.c s.p.a s.p.m s.r.l s.ten s.v s/m sa sab saca sace
        sact sad sag sahm sai saisa sam san sanas sape sar sars sart sas sbaf sbas sbn sc sca.sm scherz scien
        scn scsi scuba scult scut sdds sdiaf sds sdsl se seat sebc sec seca secam secc see seg segg segredifesa
        sem sempo sen sens seo serg serg.magg.(sgm) serg.magg.ca set sfc sfis sfx sg sga sgc sgg sgml sgt si
        si@lt sia siae siaic siap sias sic sicav sid sido sie sif sig sig.na sig.ra sige sigg sigill sigo siia
        simb simbdea simg simo sin sinalv sing sins sinu siocmf siog sioi siommms siot sip sipem sips sirf sirm
        sis sisde sismi sissa sit siulp siusa sla sldn slm slr sm sma smau smd sme smes smm smpt sms sn snad
        snai snc sncci sncf sngci snit so soc sociol sogg soho soi sol somipar somm sonar sp spa spe spett spi
        spm spot spp spreg sq sqd sr srd srl srr ss ssi ssn ssr sss st st.d.arte st.d.dir st.d.filos st.d.rel
        stat stg stp stw su suap suem suff sup superl supt surg surl susm sut suv sv svga swics swift swot sxga
        sz t-dab t.sg ta taa tac tacan tacs taeg tai tan tar targa tav tb tbt tci tcp tcp/ip tcsm tdm tdma te
        tecn tecnol ted tel telecom temp ten.(lt) ten.col.(ltc) ten.gen teol term tesa tese tesol tess tet tetra
        tfr tft tfts tgv thx tim tipogr tir tit tld tm tmc tn to toefl ton top topog tos tosap tosc tp tpl tr
        trad tramat trasp ts tso tuir tuld tv twa twain u.ad u.s ucai ucca ucei ucina uclaf ucoi ucoii ucsi ud
        udc udi udp ue uefa uemri ufo ugc uhci uhf uht uibm uic uicc uiga uil uilps uisp uits uk ul ull uma umb
        ummc umss umts unac unar unasp uncem unctad undp unefa unep unesco ungh unhcr uni unicef unitec unpredep
        unsa upa upc urar urban url urp urss usa usb usfi usga usl usp uspi ussr utap v v.brig v.cte v.m v.p v.r
        v.s va vab vaio val vas vb vbr vc vcc vcr vda ve ven ves vesa veter vezz vfb vfp vfx vga vhf vhs vi via
        vip vis vn vo voc voip vol volg voll vor vpdn vpn vr vs vsp vt vtc vts vtt vv vvf wai wais wan wap wasp
        wc wcdma wcm wga wi-fi wipo wisp wll wml wms worm wp wpan wssn wto wwan wwf www wygiwys xl xml xs xxl
        xxs yaf yb yci yd yd² yd³ ymca zat zb zcs zdf zdg zift zool zoot ztc ztl °c °f °n °ra °ré µg
        """
    ),
    "kk": _words(
        """
        afp anp atp aбб bae bg bp cam cctv cd cez cgi cnpc dvd eiti epo er farc fbi gp gps has hiv hrh http icu
        idf imd ime ip iso kaz kpa kpo kz mgm mri nasa nba nbc nds ohl omlt pda pkk ppm psm psp raf rss rtl sas
        sme sms tnt udf uefa usb utc x zdf а аақ авг аек ак акад акср акцион амт англ апр аум аф ацат ақ ақш
        аөсшк б.б б.з.б б.з.д б.т б.э.д ббс биол биохим биікт бмтрк боак бсн бта бхооо бұұ бө вич всоонл г геогр
        геол гленкор гсбп гсдп гулаг гэс дек дк днқ дсұ еаэы еақк ембімұнайгаз ео еуразэқ еуроодақ еэы еқыұ еұу
        ж жж жко жкт жоо жсдп жск жтсх жхл жшс жэк жіө жққ зоо и инта исаф камаз кг кгб кеу кимеп км км² км³ кмс
        кокп кота кср ксро кту кхдр лат м м² м³ магатэ маж май максам мб мбф мвт мемдум мемл мин млн млрд мм мр
        мсоп мт мтк мыс мқо наса нато нквд нояб нұсжп оар обб обл огпу оеб окт опек оңт пед пиқ пәк р ржмб ркфср
        рлдп рнқ рсфср ртж руб рф рфкп с с.ш сбд сбл свс сву сду сент сес см снпс солт сооно спбму сср ссро ссс
        ссср сэс т т.б т.с.с тв тереңд тех тж тжқ тим тмд тр трлн тэц төм уаз уефа ук февр фкққ фсб фққ хвқ хдо
        хдп хим хтқо хқко цас цтп ш ш.б шыұ шұар экон экспо эыдұ эқк эөкк юнеско янв іім ғ ғ.с қ қазатомпром
        қазкср қазмұнайгаз қазпошта қазтаг қазұу қк қкп қмдб қр қхр ққс ұқк ұқшұ әч әқбк әөк өгк өзенмұнайгаз өф
        өұқ
        """
    ),
    "nl": _words(
        """
        2d 3e a.2d a.a a.a.j.b a.f.t a.g.j.b a.h.v a.h.w a.hosp a.i a.j.b a.j.t a.m a.m.r a.p.m a.p.r a.p.t a.s
        a.t.d.f a.u.b a.v.a a.w aanbev aanbev.comm aant aanv.st aanw aanw.vnw abd abm abs acc.act acc.bedr.m
        acc.bedr.t achterv act.dr act.dr.fam act.fisc act.soc adm.akk adm.besl adm.lex adm.onderr adm.ov adv
        adv.bl afd afl aggl.verord agr al alg alg.richts amén ann.dr ann.dr.lg ann.dr.sc.pol ann.fac.dr.lg
        ann.jur.créd ann.jur.créd.règl.coll ann.not ann.parl ann.prat.comm ann.ét.eur app arb arbbl arbh
        arbit.besl arbrb arr arr.cass arr.r.v.st arr.verbr arrondrb art artw aud b b.&w b.a b.a.s b.b.o
        b.best.dep b.br.ex b.coll.fr.gem.comm b.coll.vl.gem.comm b.d.cult.r b.d.gem.ex b.d.gem.reg b.dep b.e.b
        b.f.r b.fr.gem.ex b.fr.gem.reg b.i.h b.inl.j.d b.inl.s.reg b.j b.l b.o.z b.prov.r b.r.h b.s b.sr b.stb
        b.t.i.r b.t.s.z b.t.w.rev b.v b.ver.coll.gem.gem.comm b.verg.r.b b.versl b.vl.ex b.voorl.reg b.w
        b.w.gew.ex b.z.d.g b.z.v bab bedr.org begins beheersov bekendm.comm bel bel.besch bel.w.p beleidsov belg
        ber ber.w besch besl beslagr best bestuurswet bet betr bevest bew bijbl bijbl.n.bijdr bijl bijv bijw
        bijz.decr bin.b bkh bl blz bm bn bnw bouwr br.parl bs bull bull.adm.pénit bull.ass bull.b.m.m bull.bel
        bull.best.strafinr bull.bmm bull.c.b.n bull.c.n.c bull.cbn bull.centr.arb bull.cnc bull.contr
        bull.doc.min.fin bull.f.e.b bull.feb bull.fisc.fin.r bull.i.u.m bull.inf.ass.secr.soc bull.inf.i.e.c
        bull.inf.i.n.a.m.i bull.inf.i.r.e bull.inf.iec bull.inf.inami bull.inf.ire bull.inst.arb bull.ium
        bull.jur.imm bull.lég.b bull.off bull.trim.b.dr.comp bull.us bull.v.b.o bull.vbo bv bw bxh byz c c.a
        c.a.-a c.a.b.g c.c c.c.i c.c.s c.conc.jur c.d.e c.d.p.k c.e c.ex c.f c.h.a c.i.f c.i.f.i.c c.j c.l c.n
        c.o.d c.p c.pr.civ c.q c.r c.r.a c.s c.s.a c.s.q.n c.v c.v.a c.v.o ca cadeaust cah.const cah.dr.europ
        cah.dr.immo cah.dr.jud cal cap carg cas cass cert cf ch chr chron chron.d.s chron.dr.not cie cir circ
        circ.z cit cit.loc civ cl.et.b cmt co cognoss.v coll colp.w com com.v.min comm comm.bijz.ov comm.erf
        comm.fin comm.ger comm.handel comm.pers comm.pub comm.straf comm.v comm.venn comm.verz comm.voor comp
        compt.w computerr con.m concl concr conf confl.w confl.w.huwbetr cons conv corr corr.bl cour.fisc
        cour.immo coöp cridon crim crt cur curs d d.-g d.a d.a.v d.b.f d.c d.c.c.r d.d d.d.p d.e.t d.gem.r d.h
        d.h.z d.i d.i.t d.j d.l.r d.m d.m.v d.o.v d.parl d.w.z dact dat dbesch dbesl decr decr.d decr.fr decr.vl
        decr.w deelw def dep.opv dep.rtl derg desp det.mag deurw.regl dez dgl dhr disp diss div div.act div.bel
        dl dln dnotz doc doc.jur.b doc.min.fin doc.parl doctr dpl dpl.besl dr dr.banc.fin dr.circ dr.inform
        dr.mr dr.pén.entr dr.q.m drs dtp dwz dyn e e&o.e e.a e.b e.c e.c.a e.d e.e e.e.a e.e.g e.g e.g.a e.h.a
        e.i e.j e.m.a e.n.a.c e.o e.p.c e.r.c e.r.f e.r.h e.r.o e.r.p e.r.v e.s.r.a e.s.t e.v e.v.a e.w ec.pol.r
        econ ed ed(s) eff eig eig.mag eil elektr enmb enz err etc etq eur eur.t.s ev evt ex ex.crim exec f f.a.o
        f.a.q f.a.s f.i.b f.j.f f.o.b f.o.r f.o.s f.o.t f.r f.supp f.suppl fa facs fasc fg fid.ber fig fin
        fin.verh.w fisc fisc.act fisc.koer fl form foro fr fr.cult.r fr.gem.r fr.parl fra ft g g.a g.a.v g.a.w.v
        g.g.d g.m.t g.o g.omt.e g.p g.s g.v g.w.w geb gebr gebrs gec gec.decr ged ged.st gedipl gedr.st geh gem
        gem.comm gem.gem.comm gem.st gem.stem gem.w gemeensch.optr gemeensch.standp gemeensch.strat gemeent
        gemeent.b gemeent.regl gemeent.verord gen geol geopp gepubl ger.deurw ger.w gerekw gereq gesch get getr
        gev.m gev.maatr gew ghert gir.eff.verk gk gr gramm grat.w grondw grootb.w grs grvm grw gst gw h.a
        h.a.v.o h.b.o h.e.a.o h.e.g.a h.e.geb h.e.gestr h.l h.m h.o h.r h.t.l h.t.m h.w.geb hand handelsn.w
        handelspr handelsr.w handelsreg.w handv harv.l.rev hc herald hert herz hfdst hfst hgrw hhr hist hooggel
        hoogl hosp hpw hr hr.ms hregw hrg hst huis.just huisv.w huurbl hv.vn hw hyp.w i.b.s i.c i.c.m.h i.e i.f
        i.f.p i.g.v i.h i.h.a i.h.b i.l.pr i.o i.p.o i.p.r i.p.v i.pl.v i.r.d.i i.s.m i.t.t i.v i.v.m i.v.s
        i.w.tr i.z ib ibid icip-ing.cons iem ind indic.soc indiv inf inf.i.d.a.c inf.idac inf.r.i.z.i.v
        inf.riziv inf.soc.secr ing ing.cons inst int interm intern.fisc.act intern.vervoerr inv inv.w inv.wet
        invord.w inz ir irspr it iwtr j j.-cl j.c.b j.c.e j.c.fl j.c.j j.c.p j.d.e j.d.f j.d.s.c j.dr.jeun j.j.d
        j.j.p j.j.pol j.l j.l.m.b j.l.o j.p.a j.r.s j.t j.t.d.e j.t.dr.eur j.t.o j.t.t jaarl jb.hand jb.kred
        jb.kred.c.s jb.l.r.b jb.lrb jb.markt jb.mens jb.t.r.d jb.trd jeugdrb jeugdwerkg.w jg jis jl journ.jur
        journ.prat.dr.fisc.fin journ.proc jrg jur jur.comm.fl jur.dr.soc.b.l.n jur.f.p.e jur.fpe jur.niv
        jur.trav.brux jurambt jv.cass jv.h.r.j jv.hrj jw k k.b k.g k.k k.m.b.o k.o.o k.v.k k.v.v.v kadasterw
        kaderb kador kbo-nr kg kh kiesw kind.bes.v kkr koopv kr krankz.w ksbel kt ktg ktr kvdm kw.r kymr kzr kzw
        l l'exp.-compt.b l.b l.b.o l.bas l.c l.gew l.j l.k l.l l.o l.r.b l.u.v.i l.v.r l.v.w l.w landinr.w
        landscrt lat law.ed lett levensverz lgrs lidw limb.rechtsl lit litt liw liwet lk ll ll.(l.)l.r loonw
        losbl ltd luchtv luchtv.w l’exp.-compt.b m m.a.v.o m.a.w m.b m.b.o m.b.r m.b.t m.d.g.o m.e.a.o m.e.r m.h
        m.h.d m.i.v m.j.t m.k m.m m.m.a m.m.h.h m.m.v m.n m.not.fisc m.nt m.o m.r m.s.a m.u.p m.v.a m.v.h.n
        m.v.t m.z maatr.teboekgest.luchtv maced mand max mbl.not me med med.b.u.f.r med.bufr med.vbo meerv
        meetbr.w mgr mgrs mhd mi.verantw mil mil.bed mil.ger min min.j.omz min.just.circ mitt mnd mod mon
        mouv.comm mr ms muz mv mém.adm n n.a n.a.g n.a.v n.b n.c n.chr n.d n.d.r n.e.a n.g n.h.b.c n.j n.j.b
        n.j.w n.l n.m n.m.m n.n n.n.b n.n.g n.n.k n.o.m n.o.t.k n.rapp n.tijd.pol n.v n.v.d.r n.v.d.v n.v.h
        n.v.o.b n.v.t nat.besch.w nat.omb nat.pers ned.cult.r neg.verkl nhd njcm-bull nl nnd no not not.fisc.m
        not.w not.wet nr nrs nste nt numism o o.a o.b o.c o.g o.g.v o.i o.i.d o.m o.o o.o.d o.o.v o.p o.r o.regl
        o.s o.t.s o.t.t o.t.t.t o.t.t.z o.tk.t o.v.t o.v.t.t o.v.tk.t o.v.v ob obsv octr octr.gem.regl octr.regl
        oe off.pol ofra ohd omb omnil omz on.ww onderr onfrank onteig.w ontw onuitg onz oorl.w op.cit opin.pa
        opm or ord.br ord.gem ors orth os osm ov ov.w.i ov.w.ii ov.ww overg.w overw ovkst oz p p.a p.a.o p.b.o
        p.e p.g p.j p.m p.m.a p.o p.o.j.t p.p p.v p.v.s pachtw pag pan pand.b pand.pér parl parl.gesch parl.st
        part.arb pas pasin pat pb.c pb.l pens pensioenverz per.ber.i.b.r per.ber.ibr pers pft pk pktg plv po pol
        pol.off pol.r pol.w postbankw postw pp pr preadv pres prf prft prg prijz.w proc procesregl prof prot
        prov prov.b prov.instr.h.m.g prov.regl prov.verord prov.w publ pun pw q.b.d q.e.d q.q q.r r r.a.b.g
        r.a.c.e r.a.j.b r.b.d.c r.b.d.i r.b.s.s r.c r.c.b r.c.d.c r.c.j.b r.c.s.j r.cass r.d.c r.d.i r.d.i.d.c
        r.d.j.b r.d.j.p r.d.p.c r.d.s r.d.t.i r.e r.f.s.v.p r.g.a.r r.g.c.f r.g.d.c r.g.f r.g.z r.h.a r.i.c
        r.i.d.a r.i.e.j r.i.n r.i.s.a r.j.d.a r.j.i r.k r.l r.l.g.b r.med r.med.rechtspr r.n.b r.o r.ov r.p
        r.p.d.b r.p.o.t r.p.r.j r.p.s r.r.d r.r.s r.s r.s.v.p r.stvb r.t.d.f r.t.d.h r.t.l r.trim.dr.eur r.v.a
        r.v.k r.verkb r.w r.w.d rap.ann.c.a rap.ann.c.c rap.ann.c.e rap.ann.c.s.j rap.ann.ca rap.ann.cass
        rap.ann.cc rap.ann.ce rap.ann.csj rapp rb rb.kh rdn rdnr re.pers rec rec.c.i.j rec.c.j.c.e rec.cij
        rec.cjce rec.gén.enr.not rechtsh rechtsk.t rechtspl.zeem rechtspr.arb.br rechtspr.b.f.e rechtspr.bfe
        rechtspr.soc.r.b.l.n recl.reg rect red reg reg.huiz.bew reg.w registr.w regl regl.besl regl.onderr
        regl.r.t rep rep.r.j rep.rj req res resp rev rev.acc.trav rev.adm rev.b.compt rev.b.dr.const
        rev.b.dr.intern rev.b.séc.soc rev.banc.fin rev.comm rev.cons.prud rev.dr.b rev.dr.commun rev.dr.fam
        rev.dr.intern.comp rev.dr.mil rev.dr.min rev.dr.pén rev.dr.pén.mil rev.dr.rur rev.dr.u.l.b rev.dr.ulb
        rev.dr.étr rev.exp rev.faill rev.fisc rev.gd rev.hist.dr rev.i.p.c rev.ipc rev.not.b rev.prat.dr.comm
        rev.prat.not.b rev.prat.soc rev.rec rev.rw rev.trav rev.trim.d.h rev.trim.dr.fam rev.urb rh richtl
        riv.dir.int riv.dir.int.priv.proc rk rln roln rom rondz rov rprt rtl rubr ruilv.wet rv.verdr rvkb
        rép.fisc rép.not s s.a s.b.n s.ct s.d s.e.c s.e.et.o s.e.w s.exec.rept s.hrg s.j.b s.l s.l.e.a s.l.n.d
        s.p.a s.s s.t s.t.b s.v s.v.p samenw sc sch scheidsr.uitspr schepel.besl secr.comm secr.gen sect.soc
        sess sir soc soc.act soc.best soc.kron soc.r soc.sw soc.weg sofi-nr somm somm.ann sp.c.c sr ss st
        st.doc.b.c.n.a.r st.doc.bcnar st.vw stagever stas stat stb stbl stcrt strafz stud.dipl su subs subst
        succ.w suppl sv sw t t.a t.a.a t.a.n t.a.p t.a.s.n t.a.v t.a.v.w t.aann t.acc t.agr.r t.app t.b.b.r
        t.b.h t.b.m t.b.o t.b.p t.b.r t.b.s t.b.v t.bankw t.belg.not t.desk t.e.m t.e.p t.f.r t.fam t.fin.r
        t.g.r t.g.t t.g.v t.gem t.gez t.huur t.i.n t.j.k t.l.l t.l.v t.m t.m.r t.m.w t.mil.r t.mil.strafr t.not
        t.o t.o.r.b t.o.v t.ontv t.p.r t.pol t.r t.r.g t.r.o.s t.r.v t.s.r t.strafr t.t t.u t.v.c t.v.g t.v.m.r
        t.v.o t.v.v t.v.v.d.b t.v.w t.verz t.vred t.vreemd t.w t.w.k t.w.v t.w.v.r t.wrr t.z t.z.t t.z.v taalk
        tar.burg.z td techn tek.mod telecomm tijdschr toel toel.st.v.w toep toep.regl tom top trans.b transp.r
        trb trib trib.civ trib.gr.inst trim ts turnh.rechtsl tvpol tvpr tvrechtsgesch tw u u.a u.a.r u.a.v u.c
        u.c.c u.g u.p u.s u.s.d.c uitdr uitl.w uitv.besch.div.b uitv.besl uitv.besl.bel.rv uitv.besl.l.b
        uitv.reg uitv.reg.afd.verm uitv.reg.bel.d uitv.reg.lb uitv.reg.succ.w univ univ.verkl v v.a v.a.v v.b.o
        v.c v.chr v.h v.huw.verm v.i v.i.o v.k.a v.m v.o.f v.o.n v.onderh.verpl v.p v.r v.s.o v.t.t v.t.t.t
        v.tk.t v.toep.r.vert v.v.b v.v.g v.v.t v.v.t.t v.v.tk.t v.w.b v.z.m vb vb.bo vbb vc vd veldw ver ver.k
        ver.verg.gem verbr verd verdr verdr.v verenw verg verg.fr.gem verkl verkl.herz.gw verl vern verord
        vers.r versch versl.c.s.w versl.csw vert verv verw verz verz.schr verz.w verz.wett.besl
        verz.wett.decr.besl vgl vid viss.w vl.parl vl.r vl.t.gez vl.w.reg vl.w.succ vlg vn vnl vnw vo vo.bl
        voegw vol volg volt voorl voorz vord.w vorst.d vr vred vrg vrijgrs vs vt vw vz vzngr vzr w w.a w.b.r
        w.c.h w.conf.huw w.conf.huwelijksb w.consum.kr w.f.r w.g w.gew.r w.ident.pl w.just.doc w.kh w.l.r w.l.v
        w.mil.straf.spr w.n w.not.ambt w.o w.o.d.huurcomm w.o.d.k w.openb.manif w.parl w.r w.reg w.succ w.u.b
        w.uitv.pl.verord w.v w.v.k w.v.m.s w.v.r w.v.w w.venn wac wd wetb wgb winkelt.w wisk wka-verkl wnd won.w
        woningw woonr.w wrr wrr.ber wrsch ws wsch wsr wtvb ww x.d z.a z.g z.i z.j z.o.z z.p z.s.m zg zgn zn znw
        zr zr.ms
        """
    ),
    "pl": _words(
        """
        ags alb ang aor awest bałt bojkow bret brus bsł bułg c.b.d.o c.b.d.u celt chorw cs czakaw czerw czes
        dniem dor dubrow duń dłuż ekaw fiń franc gal germ gniem goc gr grudz głuż hebr het hol ie ikaw irań irl
        islandz itd itp jekaw kajkaw kasz kirg kwiec lip listop lit lp maced mar moraw młpol n.e nb ngr niem
        nord norw np ok orm oset osk p.n p.n.e p.o pazdz pers pie podhal pol port połab prekm pskow psł rez rom
        rozdz rum rus rys sas sch scs serb sierp stbułg stind stpol stpr str strus stwniem stycz sztokaw szwedz
        sła słe słi słow t tj toch tur tzn tłum ukr ul umbr wed wlkpol wrzes wyd węg włos zakarp łac łot śl
        śrdniem śrgniem śrirl
        """
    ),
    "ru": _words(
        """
        y y.e а авт адм.-терр акад в вв вкз вост.-европ г гг гос гр д деп дисс дол долл ежедн ж жен з зап
        зап.-европ заруб и ин иностр инст к канд кв кг куб л л.h л.н м мин моск муж н нед о п пгт пер пп пр
        просп проф р руб с сек см спб стр т тел тов тт тыс у у.е ул ф ч
        """
    ),
    "sk": _words(
        """
        a.d a.g.p a.i.i a.k.a a.m a.r.k a.s a.s.a.p a.v akad al apod arm atd atď bc bros c.k cca co corp csc d.c
        doc dr drsc e.t el etc ev gen hl hod i.b ii iii inc ind ing iv jr judr k.o kol konkr kt ll.m ltd m.n.m
        m.o max mgr mil min ml mld mr mudr mvdr n.a n.o n.w.a napr naprk např nešp no nr nám nár o.c.p o.f.i o.i
        o.k o.z obr obv odd ods os p p.a p.n.l p.s paeddr pedg ph.d phd phdr plgr pod pok pol.pr por pozn pp pr
        prek prof príp písm r.o red resp rndr roz rozh rsdr rtg s.a s.e.g s.r.o skr sl slov soc sp spol sr st
        stor str stred sv sz súkr t.j t.z t.č tel tis tj tr tu tvz tz tzn tzv u.s ul v.sp var vi viď vs vyd vz
        xx z.z zb zdravot zs zz zák ú.p.v.o č čs čsl š.p št
        """
    ),
}

# Titles and other abbreviations that always precede what they qualify (Dr. Smith, Mt. Fuji).
PYSBD_PREPOSITIVE: dict[str, frozenset[str]] = {
    "ar": _words(
        """
        """
    ),
    "bg": _words(
        """
        """
    ),
    "da": _words(
        """
        adm dr fru hr skt st
        """
    ),
    "de": _words(
        """
        """
    ),
    "en": _words(
        """
        adm attys brig capt cmdr col cpl det dr fig gen gov ing lt maj messrs mr mrs ms mssrs mt ph prof rep
        reps rev sen sens sgt st supt v vs
        """
    ),
    "es": _words(
        """
        dr ee lic mt ph ph.d prof sra srta
        """
    ),
    "fr": _words(
        """
        """
    ),
    "it": _words(
        """
        a.c acc adj adm adv amn arch asst avv banc bart bcc bldg brig bros c.a c.a.p c.c.p c.m c.p c.s c.v capt
        cc cmdr co col comdr con corp corr cpl dir dott dr drs e.p.c ecc egr ens fatt gen geom gg gov hon hosp
        hr ing insp int l'avv l'ing lett lt maj messrs mlle mm mme mo mons mr mrs ms msgr n.b ogg op ord p.c
        p.c.c p.es p.f p.r p.s p.t p.v pfc ph pp prof psicol pvt racc rag rep reps res rev ric rif rp rsvp rt
        s.a s.b.f s.n.c s.p.a s.p.m s.r.l seg sen sens sfc sgg sgt sig sigg soc spett sr ss st supt surg tel u.s
        v.p v.r v.s
        """
    ),
    "kk": _words(
        """
        """
    ),
    "nl": _words(
        """
        """
    ),
    "pl": _words(
        """
        """
    ),
    "ru": _words(
        """
        """
    ),
    "sk": _words(
        """
        bc doc dr drsc ing judr mgr mudr p prof st
        """
    ),
}

# Abbreviations that precede a number (No. 5, p. 55).
PYSBD_NUMBER_PREFIXES: dict[str, frozenset[str]] = {
    "ar": _words(
        """
        """
    ),
    "bg": _words(
        """
        """
    ),
    "da": _words(
        """
        nr s
        """
    ),
    "de": _words(
        """
        art ca no nos nr pp
        """
    ),
    "en": _words(
        """
        art ext no nos p pp
        """
    ),
    "es": _words(
        """
        cra ext no nos p pp tel
        """
    ),
    "fr": _words(
        """
        """
    ),
    "it": _words(
        """
        art no nos nr pp
        """
    ),
    "kk": _words(
        """
        """
    ),
    "nl": _words(
        """
        """
    ),
    "pl": _words(
        """
        """
    ),
    "ru": _words(
        """
        """
    ),
    "sk": _words(
        """
        no nr č
        """
    ),
}

# Capitalised words that usually begin a sentence.
PYSBD_STARTERS: dict[str, frozenset[str]] = {
    "da": _words(
        """
        At De Dem Den Der Det Du En Et For Få Gjorde Han Hun Hvad Hvem Hvilke Hvor Hvordan Hvorfor Hvorledes
        Hvornår I Jeg Mange Vi Være
        """
    ),
    "de": _words(
        """
        Am Auch Auf Bei Da Das Der Die Ein Eine Es Für Heute Ich Im In Ist Jetzt Mein Mit Nach So Und Warum Was
        Wenn Wer Wie Wir
        """
    ),
    "en": _words(
        """
        A Being Did For He How However I In It Millions More She That The There They We What When Where Who Why
        """
    ),
    "nl": _words(
        """
        A Being Did For He How However I In It Millions More She That The There They We What When Where Who Why
        """
    ),
}


# newsbeam's additions: news abbreviations pySBD lacks, and languages it does not cover (pt).
EXTRA_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "en": _words(
        """
        a.m p.m e.g i.e etc inc corp co ltd llc plc jr sr mr mrs ms dr prof gov sen rep gen col lt sgt capt cmdr
        adm st mt ft ave blvd rd dept univ approx est vs v no nos vol vols fig figs pp p ch sec art jan feb mar
        apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
        """
    ),
    "es": _words(
        """
        sr sra srta sres sras dr dra dres lic lcda lcdo ing arq prof profa d dña dn da ud uds vd vds ee uu cc oo ff
        aa rr hh ss mm jj gg etc p.ej ej pág págs núm art arts cap vol tel av avda c/ apdo dpto depto aprox cía
        gral cnel tte sgto excmo excma ilmo ilma sto sta pbro mons a.m p.m a.c d.c ene feb mar abr jun jul ago
        sept oct nov dic
        """
    ),
    "pt": _words(
        """
        sr sra srta srs sras dr dra drs dras prof profa profs eng arq adv des min pe me exmo exma ilmo ilma v.exa
        d dª etc ex pág págs p pp n nº núm art arts cap caps vol vols tel av r rua pç cia ltda s.a apto aprox
        obs séc jan fev mar abr mai jun jul ago set out nov dez a.c d.c a.m p.m
        """
    ),
    "fr": _words(
        """
        m mm mme mmes mlle mlles dr pr me mgr st ste cf etc env av apr bd p pp vol no nos art chap éd fig tél
        janv févr avr juil sept oct nov déc
        """
    ),
    "it": _words(
        """
        sig sigg sig.ra sig.na dott dott.ssa prof prof.ssa avv ing arch geom rag on mons ecc pag pagg art artt
        n nn cap vol tel gen gen.le col ten magg cav comm
        """
    ),
    "de": _words(
        """
        bzw ca dr prof hr fr nr str tel usw vgl evtl ggf inkl exkl z.b d.h u.a o.ä u.ä s.o s.u z.t bspw abs art
        jan feb märz apr jun jul aug sep sept okt nov dez mio mrd
        """
    ),
}

EXTRA_PREPOSITIVE: dict[str, frozenset[str]] = {
    "en": _words("mr mrs ms dr prof gov sen rep gen col lt sgt capt cmdr adm st mt fr rev hon pres"),
    "es": _words("sr sra srta sres sras dr dra dres lic lcda lcdo ing arq prof profa d dña dn ud uds excmo excma"),
    "pt": _words("sr sra srta srs sras dr dra drs dras prof profa eng arq exmo exma ilmo ilma d dª"),
    "fr": _words("m mm mme mmes mlle mlles dr pr me mgr st ste"),
    "it": _words("sig sigg sig.ra sig.na dott dott.ssa prof prof.ssa avv ing arch geom rag on mons gen col ten cav"),
    "de": _words("dr prof hr fr"),
}

EXTRA_NUMBER_PREFIXES: dict[str, frozenset[str]] = {
    "en": _words("no nos p pp vol fig ch sec art"),
    "es": _words("núm art arts pág págs p pp cap vol tel"),
    "pt": _words("n nº núm art arts pág págs p pp cap vol tel"),
    "fr": _words("p pp no nos art chap vol"),
    "it": _words("n nn art artt pag pagg cap vol"),
    "de": _words("nr abs art s"),
}

EXTRA_STARTERS: dict[str, frozenset[str]] = {
    "es": _words(
        """
        El La Los Las Lo Un Una Unos Unas Este Esta Estos Estas Ese Esa Eso Aquel Aquella Yo Tú Él Ella Nosotros
        Ellos Ellas Usted Ustedes Se No Sí Pero Sin Con En Por Para Según Además Aunque También Sin Cuando Donde
        Como Qué Quién Cómo Cuándo Dónde Hoy Ayer Mañana Luego Después Antes Así Hay Es Son Fue Fueron Ha Han
        """
    ),
    "pt": _words(
        """
        O A Os As Um Uma Uns Umas Este Esta Isto Esse Essa Isso Eu Ele Ela Nós Eles Elas Você Vocês Se Não Sim
        Mas Sem Com Em No Na Nos Nas Por Para Segundo Além Embora Também Quando Onde Como Que Quem Hoje Ontem
        Depois Antes Assim Há É São Foi Foram
        """
    ),
    "fr": _words(
        """
        Le La Les L Un Une Des Ce Cet Cette Ces Il Elle Ils Elles On Je Nous Vous Mais Et Ou Donc Car Pour Dans
        En Selon Depuis Après Avant Aujourd Hier Quand Comment Pourquoi Qui Que Quel Quelle C Cela Ceci Ça Si
        """
    ),
    "it": _words(
        """
        Il Lo La I Gli Le Un Uno Una Questo Questa Quello Quella Io Lui Lei Noi Voi Loro Ma E Se Non Per In Con
        Secondo Dopo Prima Oggi Ieri Quando Come Perché Chi Che Anche Poi Così
        """
    ),
    "ru": _words("Он Она Оно Они Мы Вы Я Это Этот Эта Но И А В На По Как Когда Что Кто Где Сегодня Вчера Однако Также"),
}

# Month names (lowercase) after which "12." is a day, not a sentence end ("vom 12. Juni", "7. Apríla").
# Only languages that write ordinals with a period need them.
MONTHS: dict[str, frozenset[str]] = {
    "de": _words("januar jänner februar märz april mai juni juli august september oktober november dezember"),
    "da": _words("januar februar marts april maj juni juli august september oktober november december"),
    "no": _words("januar februar mars april mai juni juli august september oktober november desember"),
    "sk": _words(
        """
        január február marec apríl máj jún júl august september október november december januára februára
        marca apríla mája júna júla augusta septembra októbra novembra decembra
        """
    ),
    "cs": _words(
        """
        leden únor březen duben květen červen červenec srpen září říjen listopad prosinec ledna února března
        dubna května června července srpna října listopadu prosince
        """
    ),
    "pl": _words(
        """
        stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia
        """
    ),
    "fi": _words(
        """
        tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta
        lokakuuta marraskuuta joulukuuta
        """
    ),
    "hu": _words("január február március április május június július augusztus szeptember október november december"),
}


def _merge(*tables: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    merged: dict[str, frozenset[str]] = {}
    for table in tables:
        for lang, words in table.items():
            merged[lang] = merged.get(lang, frozenset()) | words
    return merged


ABBREVIATIONS = _merge(PYSBD_ABBREVIATIONS, EXTRA_ABBREVIATIONS)
PREPOSITIVE = _merge(PYSBD_PREPOSITIVE, EXTRA_PREPOSITIVE)
NUMBER_PREFIXES = _merge(PYSBD_NUMBER_PREFIXES, EXTRA_NUMBER_PREFIXES)
STARTERS = _merge(PYSBD_STARTERS, EXTRA_STARTERS)
