"""Swedish demo course content used by `seed_demo`, written from shared/domain/brief.md."""

from __future__ import annotations

COURSE = {
    "title": "Otillåten påverkan",
    "slug": "otillaten-paverkan",
    "intro": (
        "<p>Kursen <i>Otillåten påverkan</i> hjälper dig att känna igen och stå emot försök "
        "att påverka hur du gör ditt arbete – genom trakasserier, hot, våld, jäv eller mutor. "
        "Den riktar sig till alla medarbetare i kommunen, och särskilt till dig som arbetar "
        "med myndighetsutövning, till exempel som socialsekreterare eller handläggare, och "
        "till dig som är chef.</p>"
        "<p>Varje modul har fall att diskutera och avslutas med ett kort kunskapstest. "
        "Modulen om rekryteringskontroller är till för chefer som anställer. "
        "Kursen ges varannan månad under hela året och leds av kommunens säkerhets- och "
        "trygghetssamordnare. Ta gärna med egna frågor och erfarenheter till kurstillfället – "
        "det är så vi blir vaksamma tillsammans.</p>"
    ),
    "topic": "Hot, våld, jäv, korruption och rekrytering",
}


INTRODUKTION = {
    "slug": "introduktion",
    "title": "Introduktion – vad är otillåten påverkan?",
    "summary": (
        "Vad otillåten påverkan är, vilka former den tar och vem som är mest utsatt. "
        "Du får också veta hur kriminella nätverk använder insiders och hur visselblåsarlagen "
        "skyddar den som larmar."
    ),
    "estimated_minutes": 15,
    "audience": [],
    "body": [
        ("heading", {"text": "Vad menas med otillåten påverkan?", "level": "h2"}),
        (
            "paragraph",
            "<p>Otillåten påverkan är när någon försöker få dig att fatta ett annat beslut, "
            "eller att göra ditt arbete på ett annat sätt, än du annars skulle ha gjort. "
            "Brottsförebyggande rådet (Brå) beskriver det som trakasserier, hot, våld och "
            "korruption som syftar till att påverka myndighetsutövningen. I rapporten "
            "<i>Otillåten påverkan mot myndighetspersoner – En uppföljning</i> (Brå 2016:13) "
            "delar Brå in påverkan i fem former:</p>"
            "<ul>"
            "<li><b>Trakasserier</b>, till exempel upprepade obehagliga mejl eller samtal, "
            "eller att någon filmar eller fotograferar dig utan lov.</li>"
            "<li><b>Hot</b> mot dig eller mot dina närstående.</li>"
            "<li><b>Våld</b>.</li>"
            "<li><b>Skadegörelse</b>, till exempel på din bil eller ditt hem.</li>"
            "<li><b>Otillbörliga erbjudanden</b>, som gåvor, tjänster eller mutor.</li>"
            "</ul>",
        ),
        (
            "paragraph",
            "<p>Trakasserier är den vanligaste formen, och ofta är de inte brottsliga. Det "
            "spelar ingen roll. Enligt Sveriges Kommuner och Regioner (SKR, 2024) är det "
            "avgörande om du som utsätts uppfattar att syftet är att påverka hur du utför ditt "
            "arbete. SKR nämner också hot mot anhöriga och otillbörliga relationer som "
            "exempel.</p>",
        ),
        ("heading", {"text": "Påverkan som inte syns", "level": "h3"}),
        (
            "paragraph",
            "<p>Påverkan kan också vara indirekt. Göteborgs stad lyfter, med stöd av Brå, tre "
            "sådana former: <b>självcensur</b>, <b>socialt tryck</b> och <b>selektion</b>. "
            "Gemensamt för dem är att ingen behöver uttala ett hot. Du kanske mildrar ett beslut "
            "för att slippa ett obehagligt samtal, känner press från släkt, grannar eller "
            "föreningar, eller så väljs vissa ärenden och uppgifter bort för att de upplevs som "
            "riskfyllda.</p>"
            "<p>Brå:s undersökning visar att själva besluten sällan ändras. Det som påverkas är "
            "i stället de anställdas hälsa och privatliv. Många skyddar sina personuppgifter "
            "och ändrar sina vanor och rutiner. Därför är det viktigt att ta även "
            "”små” händelser på allvar.</p>",
        ),
        ("heading", {"text": "Vem är mest utsatt?", "level": "h2"}),
        (
            "paragraph",
            "<p>I Brå 2016:13 svarade omkring 45 500 anställda på en enkät, och 140 personer "
            "intervjuades. Undersökningen gällde statliga myndigheter, a-kassor och nämndemän, "
            "inte kommuner, men mönstren känns igen även hos oss. Beroende på organisation hade "
            "mellan 30 och 50 procent av de anställda utsatts, och för de flesta handlade det om "
            "ungefär en gång per år.</p>"
            "<p>Mest utsatta är de som fattar beslut som har stor betydelse för människors liv "
            "och de som har många externa kontakter. Påverkan kommer ofta efter ett negativt "
            "beslut som gäller pengar eller frihet. Nacka kommun pekar också ut beslutsfattare, "
            "de som arbetar med upphandling, de som bereder beslutsunderlag, ledningsgrupper, "
            "nämnder och alla som gör upp affärer med externa parter.</p>",
        ),
        (
            "dilemma",
            {
                "title": "Mejlen efter avslaget",
                "situation": (
                    "<p>Du är socialsekreterare och har avslagit en ansökan om ekonomiskt "
                    "bistånd. Sedan dess skickar den sökande flera mejl i veckan. Mejlen "
                    "innehåller inga hot, men tonen är obehaglig, de kommenterar ditt utseende "
                    "och slutar alltid med att du ”borde tänka om”.</p>"
                ),
                "question": "Är det här otillåten påverkan, trots att inget brott har begåtts?",
                "reflection": (
                    "<p>Ja, det kan det vara. Trakasserier är den vanligaste formen av "
                    "otillåten påverkan, och de behöver inte vara brottsliga. Det avgörande är "
                    "om du uppfattar att syftet är att påverka ditt arbete – och uppmaningen att "
                    "”tänka om” pekar tydligt åt det hållet. Spara mejlen, berätta för din chef "
                    "och kom överens om hur kontakten ska skötas framöver.</p>"
                ),
            },
        ),
        ("heading", {"text": "Möjliggörare – när hotet finns inifrån", "level": "h2"}),
        (
            "paragraph",
            "<p>I rapporten <i>Möjliggörare för kriminella nätverk</i> (Brå 2024), som kom den "
            "1 mars 2024 på uppdrag av regeringen, beskriver Brå personer som missbrukar sin "
            "anställning eller sitt uppdrag för att hjälpa kriminella nätverk. Rapporten "
            "omfattar kommunal, statlig och privat sektor. Några viktiga slutsatser:</p>"
            "<ul>"
            "<li>Informationen som lämnas ut <b>behöver inte vara hemlig</b> för att vara "
            "värdefull för ett nätverk. Även vardagliga uppgifter kan vara till nytta.</li>"
            "<li>De flesta möjliggörare <b>värvas under anställningen</b>. Några placeras ut "
            "eller söker själva jobbet, och en del förstår inte ens att de används.</li>"
            "<li>Nätverken använder möjliggörare för information, logistik, bolag som fasad, "
            "penningtvätt och för att påverka upphandlingar.</li>"
            "<li>Mest utsatta är verksamheter som har direkt kontakt med kriminella, höga "
            "hotnivåer eller prestationsbaserad lön.</li>"
            "</ul>",
        ),
        (
            "dilemma",
            {
                "title": "Den nyfikna kollegan",
                "situation": (
                    "<p>En kollega på en annan enhet har börjat fråga dig om ett pågående "
                    "ärende som gäller en familj i ditt område. Hon säger att hon ”bara undrar” "
                    "och vill veta vilka som har kontakt med familjen och när nästa möte är. "
                    "Ärendet har inget med hennes arbete att göra.</p>"
                ),
                "question": "Vad gör du?",
                "reflection": (
                    "<p>Lämna inte ut några uppgifter, och rapportera det till din chef eller "
                    "till säkerhetsfunktionen. Brå (2024) visar att insiders ofta värvas under "
                    "anställningen och att uppgifter kan vara värdefulla för kriminella nätverk "
                    "även när de inte är hemliga. Du behöver inte själv avgöra om kollegan har "
                    "dåliga avsikter – det är chefens uppgift att ta reda på det.</p>"
                ),
            },
        ),
        ("heading", {"text": "Visselblåsarlagen – när du behöver larma", "level": "h2"}),
        (
            "paragraph",
            "<p>Ibland går det inte att lösa ett problem genom att gå till chefen, till exempel "
            "om chefen själv är inblandad. Då finns lagen (2021:890) om skydd för personer som "
            "rapporterar om missförhållanden, den så kallade visselblåsarlagen. Den trädde i "
            "kraft den 17 december 2021. Lagen bygger på ett EU-direktiv, men den gäller alla "
            "missförhållanden i ett arbetsrelaterat sammanhang som det finns ett allmänintresse "
            "av att de kommer fram.</p>"
            "<ul>"
            "<li><b>Vem skyddas?</b> Anställda och tidigare anställda, arbetssökande, "
            "volontärer, praktikanter, konsulter och andra som utför arbete åt kommunen.</li>"
            "<li><b>Interna kanaler:</b> Arbetsgivare med minst 50 arbetstagare ska ha interna "
            "kanaler och rutiner för rapportering. För offentliga arbetsgivare har det gällt "
            "sedan den 17 juli 2022. De som tar emot rapporterna ska vara självständiga och "
            "fristående.</li>"
            "<li><b>Tidsgränser:</b> Mottagandet ska som regel bekräftas inom sju dagar, och "
            "du ska få återkoppling inom tre månader.</li>"
            "<li><b>Skydd:</b> Du kan inte ställas till ansvar för att ha brutit mot "
            "tystnadsplikt om du hade skälig anledning att anta att det var nödvändigt för att "
            "avslöja missförhållandet (2 kap. 1 §). Det gäller inte kvalificerad sekretess, och "
            "lagen ger ingen rätt att lämna ut handlingar (2 kap. 2 §). Arbetsgivaren får inte "
            "hindra rapportering eller vidta repressalier (3 kap. 1 §). Skyddet gäller även den "
            "som hjälper dig, dina kollegor och dina närstående.</li>"
            "</ul>",
        ),
        (
            "callout",
            {
                "title": "Visselblåsarfunktionen är inte till för allt",
                "text": (
                    "<p>Funktionen är till för missförhållanden av allmänintresse. Vanliga "
                    "frågor om arbetsmiljö eller konflikter på arbetsplatsen tar du i första "
                    "hand med din chef eller med facket. En rapport som faller utanför lagen får "
                    "inte heller lagens särskilda sekretesskydd.</p>"
                ),
                "tone": "info",
            },
        ),
        (
            "faq",
            {
                "title": "Vanliga frågor",
                "items": [
                    {
                        "question": "Varför ska jag rapportera något som inte är ett brott?",
                        "answer": (
                            "<p>Om ingen rapporterar syns inte mönstren, och arbetsgivaren kan "
                            "inte ge dig stöd eller skydd. Rapportera hellre en gång för mycket "
                            "än en gång för lite.</p>"
                        ),
                    },
                    {
                        "question": "Vad gör jag om chefen är inblandad?",
                        "answer": (
                            "<p>Vänd dig till chefens chef, till säkerhetsfunktionen eller till "
                            "kommunens visselblåsarfunktion.</p>"
                        ),
                    },
                    {
                        "question": "Kan jag vara anonym när jag använder visselblåsarfunktionen?",
                        "answer": (
                            "<p>Det beror på hur kommunens funktion är uppbyggd. I till exempel "
                            "Nacka kommun går det att rapportera anonymt. Rapporter som omfattas "
                            "av lagen skyddas av särskild sekretess.</p>"
                        ),
                    },
                ],
            },
        ),
    ],
}


HOT_OCH_VALD = {
    "slug": "hot-och-vald",
    "title": "Hot och våld",
    "summary": (
        "Vilka hot och kränkningar som är brott, vad som är nytt sedan den 2 juli 2025 och vad "
        "du och din chef ska göra när något har hänt."
    ),
    "estimated_minutes": 20,
    "audience": [],
    "body": [
        ("heading", {"text": "Hot och våld i arbetet", "level": "h2"}),
        (
            "paragraph",
            "<p>Den som fattar obekväma beslut kan möta ilska och ibland hot eller våld. "
            "Riksrevisionen (RiR 2022:26) konstaterar att trakasserier är vanliga medan våld är "
            "ovanligt. Systematiska hot är ovanligare men allvarligare, särskilt när de kommer "
            "från organiserad brottslighet. Hot och våld är aldrig något du ska behöva tåla som "
            "en del av jobbet.</p>",
        ),
        ("heading", {"text": "Vad säger brottsbalken?", "level": "h2"}),
        (
            "paragraph",
            "<p><b>Våld eller hot mot tjänsteman</b> (brottsbalken 17 kap. 1 §) gäller den som "
            "med våld eller hot om våld angriper någon i myndighetsutövning för att tvinga eller "
            "hindra en åtgärd, eller för att hämnas för en åtgärd. Skyddet gäller också den som "
            "tidigare har haft tjänsten. Före reformen 2025 var straffet böter eller fängelse i "
            "högst två år. År 2020 bestämdes straffet för grovt brott till fängelse i lägst ett "
            "och högst sex år (prop. 2018/19:155).</p>"
            "<p><b>Förgripelse mot tjänsteman</b> (17 kap. 2 §) gäller i korthet andra "
            "handlingar än våld och hot, med samma syfte. Tidigare omfattades inte enbart "
            "förolämpningar av den bestämmelsen (RH 2013:61).</p>",
        ),
        ("heading", {"text": "Nytt från den 2 juli 2025", "level": "h3"}),
        (
            "paragraph",
            "<p>Den 2 juli 2025 trädde ett lagpaket i kraft som ska stärka skyddet för "
            "offentliganställda (prop. 2024/25:141, SOU 2024:1):</p>"
            "<ul>"
            "<li><b>Förolämpning mot tjänsteman</b> är ett nytt brott. Straffet är böter eller "
            "fängelse i högst sex månader. Brottet skyddar personal som utövar "
            "myndighetsutövning, till exempel socialsekreterare och lärare som sätter betyg.</li>"
            "<li>Flera straffskalor har skärpts.</li>"
            "<li>Beslutsfattarens namn kan i vissa fall utelämnas i skriftliga "
            "underrättelser.</li>"
            "<li>Sekretessen för uppgifter i personaladministrativ verksamhet har stärkts.</li>"
            "</ul>",
        ),
        (
            "dilemma",
            {
                "title": "”Jag vet vilken skola dina barn går i”",
                "situation": (
                    "<p>Du har precis meddelat ett avslag. Klienten lutar sig fram och säger "
                    "lugnt: ”Jag vet vilken skola dina barn går i.” Sedan reser han sig och "
                    "går.</p>"
                ),
                "question": "Hur agerar du nu och under de närmaste dagarna?",
                "reflection": (
                    "<p>Det här är ett hot som syftar till att påverka dig, och det riktar sig "
                    "mot dina närstående. Se till att du är i säkerhet, berätta för din chef "
                    "direkt, dokumentera exakt vad som sades och gör en tillbudsanmälan. Hotet "
                    "bör polisanmälas, och chefen ska hjälpa dig med det. Prata också med "
                    "chefen om vad som behövs för att skydda dig och din familj, och om någon "
                    "annan ska ta över kontakten med klienten.</p>"
                ),
            },
        ),
        ("heading", {"text": "Arbetsgivarens ansvar", "level": "h2"}),
        (
            "paragraph",
            "<p>Sedan den 1 januari 2025 ingår Arbetsmiljöverkets föreskrifter om våld och hot "
            "(tidigare AFS 1993:2) i AFS 2023:2. Avsikten var att skyddsnivån skulle vara "
            "densamma. Arbetsgivaren ska bland annat:</p>"
            "<ul>"
            "<li>bedöma riskerna för våld och hot och vidta åtgärder,</li>"
            "<li>ha särskilda säkerhetsrutiner som alla känner till,</li>"
            "<li>se till att medarbetarna får utbildning,</li>"
            "<li>ha larm där det behövs,</li>"
            "<li>undvika ensamarbete där det finns en tydlig risk,</li>"
            "<li>dokumentera och utreda varje händelse, och</li>"
            "<li>se till att den som drabbas snabbt får hjälp och stöd.</li>"
            "</ul>",
        ),
        ("heading", {"text": "Rapportera och anmäl", "level": "h3"}),
        (
            "paragraph",
            "<p>Varje händelse med hot eller våld ska rapporteras internt som tillbud eller "
            "arbetsskada, till exempel i KIA eller i det system som din arbetsgivare använder. "
            "Chefen erbjuder krisstöd och hjälper dig att polisanmäla. Allvarliga tillbud och "
            "allvarliga skador ska arbetsgivaren anmäla till Arbetsmiljöverket <b>utan "
            "dröjsmål</b> (arbetsmiljöförordningen (1977:1166) 2 §). Exempel på allvarliga "
            "tillbud är hot med kniv, hot om att döda och alla former av våld. Om någon skadas "
            "ska arbetsskadan också anmälas till Försäkringskassan.</p>",
        ),
        (
            "routine",
            {
                "title": "Så agerar du i en hotfull situation",
                "intro": (
                    "<p>Följ alltid arbetsplatsens säkerhetsrutiner. Stegen nedan är ett stöd "
                    "för vad du gör under och efter en hotfull situation.</p>"
                ),
                "steps": [
                    {
                        "title": "Sätt dig i säkerhet",
                        "text": (
                            "<p>Avbryt mötet lugnt. Lämna rummet eller larma om du behöver. "
                            "Din säkerhet går före allt annat.</p>"
                        ),
                    },
                    {
                        "title": "Ring 112 vid akut fara",
                        "text": "<p>Om du eller någon annan är i fara, ring 112 direkt.</p>",
                    },
                    {
                        "title": "Berätta för din chef",
                        "text": (
                            "<p>Informera chefen så snart du kan, eller säkerhetsfunktionen om "
                            "chefen inte går att nå.</p>"
                        ),
                    },
                    {
                        "title": "Dokumentera",
                        "text": (
                            "<p>Skriv ner datum, tid, vem det gällde, vad som sades och vilka "
                            "som var med. Spara mejl, sms och skärmdumpar.</p>"
                        ),
                    },
                    {
                        "title": "Rapportera händelsen",
                        "text": (
                            "<p>Gör en tillbuds- eller arbetsskadeanmälan i KIA eller i "
                            "motsvarande system.</p>"
                        ),
                    },
                    {
                        "title": "Polisanmäl",
                        "text": (
                            "<p>Hot och våld mot tjänsteman är brott. Chefen hjälper dig med "
                            "polisanmälan.</p>"
                        ),
                    },
                    {
                        "title": "Ta emot stöd",
                        "text": (
                            "<p>Chefen ska erbjuda krisstöd, och du kan få samtalsstöd via "
                            "företagshälsovården. Ta emot stödet även om du känner dig "
                            "okej just nu.</p>"
                        ),
                    },
                ],
            },
        ),
        (
            "callout",
            {
                "title": "Till dig som är chef",
                "text": (
                    "<p>Efter en hotsituation ska du erbjuda krisstöd, hjälpa till med "
                    "polisanmälan och se till att händelsen rapporteras i KIA. Om händelsen är "
                    "allvarlig anmäler du den till Arbetsmiljöverket utan dröjsmål. Se sedan "
                    "över riskbedömningen och rutinerna tillsammans med arbetsgruppen.</p>"
                ),
                "tone": "info",
            },
        ),
        (
            "dilemma",
            {
                "title": "Bilden på nätet",
                "situation": (
                    "<p>En kväll upptäcker du att någon har fotograferat dig utanför jobbet och "
                    "lagt ut bilden i en grupp i sociala medier, tillsammans med ditt namn och "
                    "texten ”det är hon som tar barnen”.</p>"
                ),
                "question": "Är det här otillåten påverkan, och vad gör du?",
                "reflection": (
                    "<p>Ja. SKR räknar olovlig fotografering och filmning som trakasserier, och "
                    "det räknas som otillåten påverkan även om det inte skulle vara ett brott. "
                    "Ta skärmdumpar där datum syns och spara länken. Rapportera till chefen "
                    "eller säkerhetsfunktionen och bedöm tillsammans om det ska polisanmälas. "
                    "Svara inte själv i tråden.</p>"
                ),
            },
        ),
        (
            "faq",
            {
                "title": "Vanliga frågor",
                "items": [
                    {
                        "question": "Måste jag polisanmäla på egen hand?",
                        "answer": (
                            "<p>Nej. Chefen ska hjälpa dig med polisanmälan, och ni kan göra den "
                            "tillsammans. Det viktiga är att den blir gjord och att du får "
                            "stöd.</p>"
                        ),
                    },
                    {
                        "question": "Vem anmäler till Arbetsmiljöverket?",
                        "answer": (
                            "<p>Arbetsgivaren, i praktiken din chef. Allvarliga tillbud och "
                            "skador ska anmälas utan dröjsmål. Det ersätter inte den interna "
                            "rapporteringen i KIA.</p>"
                        ),
                    },
                    {
                        "question": "Är det ett brott om en klient kallar mig grova skällsord?",
                        "answer": (
                            "<p>Sedan den 2 juli 2025 kan det vara förolämpning mot tjänsteman "
                            "om du utövar myndighetsutövning. Dokumentera vad som sades, "
                            "rapportera händelsen och polisanmäl.</p>"
                        ),
                    },
                    {
                        "question": "Gäller skyddet även när jag har bytt tjänst?",
                        "answer": (
                            "<p>Ja. Brottet våld eller hot mot tjänsteman omfattar också den "
                            "som tidigare har haft tjänsten, till exempel när hotet är en "
                            "hämnd för ett beslut.</p>"
                        ),
                    },
                ],
            },
        ),
    ],
}


JAV = {
    "slug": "jav",
    "title": "Jäv",
    "summary": (
        "När du är jävig, vad du ska göra då och varför jäv handlar om förtroende snarare än om "
        "du faktiskt är partisk."
    ),
    "estimated_minutes": 15,
    "audience": [],
    "body": [
        ("heading", {"text": "Vad är jäv?", "level": "h2"}),
        (
            "paragraph",
            "<p>Jäv betyder att det finns omständigheter som kan rubba förtroendet för att du är "
            "opartisk i ett ärende. Det handlar om en <b>risk</b> för partiskhet, inte om att du "
            "faktiskt är partisk. Därför räcker det inte att du själv vet att du är objektiv. "
            "Grunden finns i regeringsformen 1 kap. 9 §: den som arbetar i offentlig "
            "förvaltning ska vara saklig och opartisk.</p>"
            "<p>Jävsreglerna gäller alla som kan påverka hur ett ärende avgörs, alltså även den "
            "som utreder, bereder eller föredrar ärendet, inte bara den som fattar beslutet. "
            "Rent expeditionella uppgifter, till exempel att diarieföra, omfattas normalt "
            "inte.</p>",
        ),
        ("heading", {"text": "Jävsgrunderna i förvaltningslagen", "level": "h2"}),
        (
            "paragraph",
            "<p>Förvaltningslagen (2017:900) 16 § räknar upp när du är jävig:</p>"
            "<ol>"
            "<li><b>Sakägar-, intresse- och släktskapsjäv:</b> du eller en närstående är part "
            "i ärendet, eller kan påverkas av beslutet i en inte oväsentlig utsträckning.</li>"
            "<li><b>Ställföreträdar- och ombudsjäv:</b> du eller en närstående är eller har "
            "varit ställföreträdare eller ombud för en part eller för någon som kan påverkas "
            "av beslutet.</li>"
            "<li><b>Tvåinstansjäv:</b> du har tidigare varit med om att slutligt handlägga "
            "ärendet hos en annan myndighet, och ärendet prövas nu här.</li>"
            "<li><b>Delikatessjäv:</b> det finns någon annan särskild omständighet som gör "
            "att din opartiskhet kan ifrågasättas.</li>"
            "</ol>"
            "<p>Man får bara bortse från jäv om det är <b>uppenbart</b> att frågan om "
            "opartiskhet saknar betydelse.</p>",
        ),
        ("heading", {"text": "Vad gör du när du är jävig?", "level": "h3"}),
        (
            "paragraph",
            "<p>Enligt förvaltningslagen 17 § får den som är jävig inte delta i handläggningen "
            "och inte heller vara närvarande när ärendet avgörs. Undantaget är uppgifter som "
            "ingen annan kan utföra utan att handläggningen försenas avsevärt. Enligt 18 § ska "
            "du <b>genast</b> anmäla omständigheter som kan göra dig jävig. Myndigheten ska "
            "sedan pröva jävsfrågan så snart som möjligt.</p>",
        ),
        (
            "dilemma",
            {
                "title": "Systerns företag",
                "situation": (
                    "<p>Du handlägger tillståndsärenden. I dag kommer en ansökan från ett "
                    "företag som din syster äger. Ärendet är enkelt, och alla underlag verkar "
                    "finnas med.</p>"
                ),
                "question": "Kan du handlägga ärendet om du är noga med att vara objektiv?",
                "reflection": (
                    "<p>Nej. Anmäl jäv till din chef direkt och lämna över ärendet. Din syster "
                    "är närstående och hennes företag är part. Det är jäv enligt "
                    "förvaltningslagen 16 § 1 och kommunallagen 6 kap. 28 § 1. Du får inte "
                    "delta i handläggningen (förvaltningslagen 17 §), och det gäller även att "
                    "”bara kolla” hur ärendet går. Att ärendet är enkelt spelar ingen roll.</p>"
                ),
            },
        ),
        ("heading", {"text": "Jäv i kommunen", "level": "h2"}),
        (
            "paragraph",
            "<p>För kommunens nämnder finns jävsreglerna i kommunallagen (2017:725) 6 kap. "
            "28–32 §§, och genom 7 kap. 4 § gäller de också kommunens anställda. Sedan den "
            "1 juli 2022 är jävsgrunderna i 6 kap. 28 § formulerade på samma sätt som i "
            "förvaltningslagen när det gäller till exempel närstående, ställföreträdare och "
            "ombud (SFS 2022:638, prop. 2021/22:125). För fullmäktige finns egna regler i "
            "5 kap. 47–49 §§ och för revisorerna i 12 kap.</p>"
            "<p>Enligt 6 kap. 30 § får den som är jävig inte delta i eller vara närvarande vid "
            "handläggningen. Du ska <b>självmant ge till känna</b> de omständigheter som kan "
            "innebära jäv. Det är alltså ditt eget ansvar att säga till – ingen annan behöver "
            "fråga. Nämnden ska sedan pröva jävsfrågan så snart som möjligt.</p>",
        ),
        (
            "callout",
            {
                "title": "Försiktighetsprincipen",
                "text": (
                    "<p>Är du osäker? Kliv åt sidan. I gråzoner, som vänskap, ovänskap eller "
                    "ekonomiskt beroende, är det bättre att anmäla jäv en gång för mycket. Det "
                    "kostar lite att lämna över ett ärende, men det kan kosta mycket förtroende "
                    "om någon i efterhand ifrågasätter din opartiskhet.</p>"
                ),
                "tone": "info",
            },
        ),
        (
            "dilemma",
            {
                "title": "Vännen sedan tjugo år",
                "situation": (
                    "<p>Du arbetar på en enhet för ekonomiskt bistånd. En av dina närmaste "
                    "vänner sedan tjugo år söker bistånd hos er. Hon är inte släkt med dig, och "
                    "ärendet har fördelats till en kollega i ditt arbetslag. Du och kollegan "
                    "brukar diskutera svåra ärenden med varandra.</p>"
                ),
                "question": "Behöver du göra något, trots att ärendet inte är ditt?",
                "reflection": (
                    "<p>Ja. En så nära vänskap kan vara en sådan särskild omständighet som gör "
                    "att din opartiskhet kan ifrågasättas (delikatessjäv). Berätta om vänskapen "
                    "för din chef och delta inte i diskussioner om ärendet. Ni kan också behöva "
                    "fundera på om ärendet ska handläggas av någon utanför ditt arbetslag. Att "
                    "du själv vet att du är objektiv räcker inte – jäv handlar om risken för "
                    "partiskhet och om allmänhetens förtroende.</p>"
                ),
            },
        ),
        (
            "faq",
            {
                "title": "Vanliga frågor",
                "items": [
                    {
                        "question": "Jag vet att jag är objektiv. Räcker inte det?",
                        "answer": (
                            "<p>Nej. Jäv handlar om risken för partiskhet och om förtroendet "
                            "för kommunen, inte om hur du faktiskt bedömer ärendet. Andra ska "
                            "kunna lita på att beslutet är opartiskt.</p>"
                        ),
                    },
                    {
                        "question": (
                            "Jag ska bara diarieföra ett ärende som gäller min bror. Är jag jävig?"
                        ),
                        "answer": (
                            "<p>Normalt inte. Rent expeditionella uppgifter omfattas inte av "
                            "jävsreglerna. Berätta ändå för din chef, så att ni kan avgöra om "
                            "någon annan ska ta uppgiften.</p>"
                        ),
                    },
                    {
                        "question": "Vem avgör om jag är jävig?",
                        "answer": (
                            "<p>Du ska själv berätta om omständigheten, men det är myndigheten "
                            "– i praktiken din chef eller nämnden – som prövar jävsfrågan. Det "
                            "ska ske så snart som möjligt.</p>"
                        ),
                    },
                    {
                        "question": "Gäller jäv bara den som fattar beslutet?",
                        "answer": (
                            "<p>Nej. Det gäller alla som kan påverka hur ärendet avgörs, till "
                            "exempel den som utreder, bereder eller föredrar det.</p>"
                        ),
                    },
                ],
            },
        ),
    ],
}


KORRUPTION_OCH_MUTOR = {
    "slug": "korruption-och-mutor",
    "title": "Korruption och mutor",
    "summary": (
        "Vad som räknas som en muta, varför det inte finns någon beloppsgräns och hur du "
        "hanterar gåvor, erbjudanden och inbjudningar i arbetet."
    ),
    "estimated_minutes": 15,
    "audience": [],
    "body": [
        ("heading", {"text": "Vad säger lagen om mutor?", "level": "h2"}),
        (
            "paragraph",
            "<p>Som offentliganställd ska du fatta beslut på saklig grund, och ingen ska kunna "
            "köpa sig en fördel. Mutbrotten finns i brottsbalken 10 kap.:</p>"
            "<ul>"
            "<li><b>Tagande av muta</b> (5 a §): en arbetstagare eller uppdragstagare som tar "
            "emot, godtar ett löfte om eller begär en otillbörlig förmån för sin "
            "tjänsteutövning. Straffet är böter eller fängelse i högst två år. Det gäller även "
            "före och efter den tid som personen har tjänsten, och när förmånen går till någon "
            "annan.</li>"
            "<li><b>Givande av muta</b> (5 b §): den som lämnar, utlovar eller erbjuder en "
            "otillbörlig förmån. Straffskalan är densamma.</li>"
            "<li><b>Grovt tagande eller givande av muta</b> (5 c §): fängelse i lägst sex "
            "månader och högst sex år, till exempel vid stora belopp eller när det sker "
            "systematiskt eller i stor omfattning.</li>"
            "<li><b>Handel med inflytande</b> (5 d §): gäller i korthet otillbörliga förmåner "
            "för att påverka någon annans beslut vid myndighetsutövning eller offentlig "
            "upphandling.</li>"
            "<li><b>Vårdslös finansiering av mutbrott</b> (5 e §): en näringsidkare som av grov "
            "oaktsamhet finansierar mutbrott. Straffet är böter eller fängelse i högst två "
            "år.</li>"
            "</ul>"
            "<p>Handel med inflytande och vårdslös finansiering av mutbrott infördes 2012 "
            "(prop. 2011/12:79).</p>",
        ),
        ("heading", {"text": "Det finns ingen beloppsgräns", "level": "h2"}),
        (
            "paragraph",
            "<p>Det finns ingen gräns i kronor för när en gåva blir en muta. Det beror på "
            "omständigheterna, till exempel vilken verksamhet du arbetar i och vad förmånen är "
            "värd. Riksenheten mot korruption har framhållit att kraven är mycket stränga i "
            "offentlig sektor och att det säkraste är att inte ta emot något alls. Tänk också "
            "på att:</p>"
            "<ul>"
            "<li>förmånen <b>inte behöver ha påverkat dig</b> – det räcker att den är "
            "otillbörlig,</li>"
            "<li>din <b>chefs godkännande inte gör en otillbörlig förmån laglig</b>,</li>"
            "<li>en tackgåva som ges <b>efter</b> ett beslut också kan vara en muta, och</li>"
            "<li>du inte har begått något brott om du <b>lämnar tillbaka</b> förmånen "
            "direkt.</li>"
            "</ul>",
        ),
        ("heading", {"text": "Vad är oftast okej – och vad är det inte?", "level": "h3"}),
        (
            "paragraph",
            "<p><b>Oftast okej:</b> något av obetydligt värde som delas av hela arbetsgruppen, "
            "som en kaka i fikarummet, eller en enkel arbetslunch i samband med ett möte.</p>"
            "<p><b>Inte okej:</b> presentkort, resor och allt som har koppling till ett beslut "
            "som ska fattas eller har fattats.</p>"
            "<p>Kontrollera alltid kommunens egna riktlinjer, och fråga din chef om du är "
            "osäker. SKR och Finansdepartementet har tagit fram <i>Vägledning om mutor och jäv "
            "för offentligt anställda</i>, och SKR erbjuder dilemmaövningar och en film som ni "
            "kan använda för att diskutera frågorna på arbetsplatsen.</p>",
        ),
        (
            "dilemma",
            {
                "title": "Presentkortet",
                "situation": (
                    "<p>Några veckor efter att du har beviljat en insats får du ett kort från en "
                    "anhörig. I kuvertet ligger ett presentkort på 500 kronor och en lapp: "
                    "”Tack för att du lyssnade på oss.”</p>"
                ),
                "question": "Kan du behålla presentkortet?",
                "reflection": (
                    "<p>Nej. Lämna tillbaka presentkortet och berätta för din chef. Det finns "
                    "ingen beloppsgräns, och en belöning efter ett beslut kan vara en muta även "
                    "om den är vänligt menad. Om du lämnar tillbaka det direkt har du inte "
                    "gjort något fel. Skriv gärna ett vänligt svar där du förklarar att du inte "
                    "får ta emot gåvor i ditt arbete.</p>"
                ),
            },
        ),
        ("heading", {"text": "Upphandling och Näringslivskoden", "level": "h2"}),
        (
            "paragraph",
            "<p>Institutet mot mutors (IMM) <i>Kod mot korruption i näringslivet</i>, ofta "
            "kallad Näringslivskoden, gäller sedan den 14 augusti 2020. Den är strängare än "
            "lagen: företag ska inte erbjuda några förmåner alls till den som arbetar med "
            "myndighetsutövning eller med en pågående eller kommande upphandling. "
            "Myndighetsutövning och upphandling är alltså de känsligaste situationerna. Om en "
            "leverantör ändå erbjuder dig något i ett sådant läge är svaret nej.</p>",
        ),
        (
            "dilemma",
            {
                "title": "Konferensresan",
                "situation": (
                    "<p>Kommunen upphandlar ett nytt verksamhetssystem, och du ingår i gruppen "
                    "som utvärderar anbuden. En av leverantörerna som har lämnat anbud bjuder "
                    "in dig och två kollegor till en ”kunskapskonferens” på ett spahotell, med "
                    "resa och middag.</p>"
                ),
                "question": "Kan ni tacka ja?",
                "reflection": (
                    "<p>Nej. En pågående upphandling är en av de känsligaste situationerna, och "
                    "en resa är ingen obetydlig förmån. Enligt Näringslivskoden borde "
                    "leverantören inte ens ha erbjudit något i det här läget. Tacka nej, berätta "
                    "för din chef och för den som ansvarar för upphandlingen, och dokumentera "
                    "erbjudandet.</p>"
                ),
            },
        ),
        (
            "callout",
            {
                "title": "Om du misstänker korruption",
                "text": (
                    "<p>Konfrontera inte den du misstänker, och utred inte på egen hand. En "
                    "intern granskning får inte försvåra en polisutredning. Dokumentera det du "
                    "har sett och rapportera till din chef – eller till visselblåsarfunktionen "
                    "om chefen är inblandad eller om det inte går att lösa på annat sätt.</p>"
                ),
                "tone": "warning",
            },
        ),
        (
            "faq",
            {
                "title": "Vanliga frågor",
                "items": [
                    {
                        "question": (
                            "Föräldrar bjuder arbetslaget på en kaka vid terminsslutet. "
                            "Är det en muta?"
                        ),
                        "answer": (
                            "<p>Normalt inte. En kaka har obetydligt värde, den delas av hela "
                            "gruppen och den är inte kopplad till något beslut. Kontrollera "
                            "ändå vad kommunens riktlinjer säger.</p>"
                        ),
                    },
                    {
                        "question": "Chefen säger att gåvan är okej. Blir den laglig då?",
                        "answer": (
                            "<p>Nej. Chefens godkännande ändrar inte om förmånen är otillbörlig. "
                            "Du bär själv ansvaret för vad du tar emot.</p>"
                        ),
                    },
                    {
                        "question": "Jag har redan tagit emot en gåva. Vad gör jag nu?",
                        "answer": (
                            "<p>Lämna tillbaka den direkt och berätta för din chef. Den som "
                            "genast lämnar tillbaka en förmån har inte begått något brott.</p>"
                        ),
                    },
                    {
                        "question": "Gäller reglerna även gåvor till min familj?",
                        "answer": (
                            "<p>Ja. Tagande av muta omfattar också förmåner som går till någon "
                            "annan än du själv, om de ges för ditt arbete.</p>"
                        ),
                    },
                ],
            },
        ),
    ],
}


REKRYTERINGSKONTROLLER = {
    "slug": "rekryteringskontroller",
    "title": "Rekryteringskontroller för chefer",
    "summary": (
        "Vilka kontroller du som rekryterande chef får göra, vilka registerkontroller lagen "
        "kräver och vad som ändras den 1 mars 2026."
    ),
    "estimated_minutes": 20,
    "audience": ["chef", "rekryterande-chef"],
    "body": [
        ("heading", {"text": "Varför kontrollera vid rekrytering?", "level": "h2"}),
        (
            "paragraph",
            "<p>Kriminella nätverk kan försöka få in personer i kommunen eller värva dem som "
            "redan arbetar här (Brå 2024). En noggrann rekrytering är därför ett viktigt skydd. "
            "Men kontrollerna måste ha stöd i lag och respektera den sökandes integritet. Den "
            "här modulen går igenom vad du som rekryterande chef får göra, vad du måste göra "
            "och var gränserna går.</p>",
        ),
        ("heading", {"text": "Ingen allmän rätt att kräva registerutdrag", "level": "h2"}),
        (
            "paragraph",
            "<p>Kommunen har <b>ingen allmän rätt</b> att kräva utdrag ur belastningsregistret "
            "av den som söker jobb. Uppgifter om brott är särskilt skyddade och får enligt "
            "dataskyddsförordningen (GDPR) artikel 10 bara behandlas när det finns stöd i lag. "
            "Arbetsgivaren får inte heller föra ett eget register över anställdas brott. Att "
            "söka i en kommersiell databas med utgivningsbevis är också en behandling av "
            "personuppgifter.</p>",
        ),
        ("heading", {"text": "När lagen kräver registerkontroll", "level": "h3"}),
        (
            "paragraph",
            "<p>I vissa verksamheter ger lagen stöd för, eller kräver, registerkontroll:</p>"
            "<ul>"
            "<li><b>Skolan</b> (de flesta skolformer): enligt skollagen ska den som anställs "
            "lämna utdrag ur belastningsregistret.</li>"
            "<li><b>Insatser enligt LSS till barn</b>, lagen (2010:479): utdrag ur "
            "belastningsregistret, högst ett år gammalt. Ingen får anställas utan att ha visat "
            "utdrag.</li>"
            "<li><b>HVB och stödboenden för barn</b>, lagen (2007:171): utdrag ur både "
            "belastnings- och misstankeregistret, högst sex månader gammalt.</li>"
            "<li><b>Arbete med direkt och regelbunden kontakt med barn</b>, lagen (2013:852): "
            "utdrag ur belastningsregistret, högst ett år gammalt, som visas upp om "
            "arbetsgivaren begär det.</li>"
            "</ul>"
            "<p>Enligt lagen (2013:852) 5 § får arbetsgivaren bara anteckna att utdraget har "
            "visats upp. Kom också ihåg att ett utdrag utan anteckningar <b>inte är någon "
            "garanti</b> för att personen är lämplig.</p>",
        ),
        ("heading", {"text": "Nytt från den 1 mars 2026", "level": "h3"}),
        (
            "paragraph",
            "<p>Efter en snabbutredning i februari 2024 och promemorian Ds 2024:24 beslutade "
            "riksdagen i januari 2026 om utökade registerkontroller. Från den 1 mars 2026 "
            "gäller bland annat följande:</p>"
            "<ul>"
            "<li>Vid arbete <b>i hemmet</b> hos äldre och personer med funktionsnedsättning "
            "kontrolleras både belastnings- och misstankeregistret. Det gäller hos både "
            "kommunala och privata utförare.</li>"
            "<li>Misstankeregistret läggs till vid arbete med barn.</li>"
            "<li>Belastningsregistret kontrolleras för <b>vissa ledande befattningar</b> i "
            "kommunen och i kommunens bolag.</li>"
            "<li>Fler brott omfattas av kontrollerna.</li>"
            "</ul>"
            "<p>Regeringen har också tillsatt en utredning som ska se över hela regelverket för "
            "bakgrundskontroller i både offentlig och privat sektor (dir. 2025:83, <i>Ett "
            "ändamålsenligt regelverk för bakgrundskontroller</i>). Förslagen väntas 2027.</p>",
        ),
        ("heading", {"text": "Södertälje – när kontrollerna gick för långt", "level": "h2"}),
        (
            "paragraph",
            "<p>Södertälje kommun lät ett externt företag kontrollera alla sina omkring 7 000 "
            "anställda varje kvartal. Företaget sökte med personnummer i domstolars och "
            "myndigheters register, utan att de anställda hade lämnat samtycke. JO inledde ett "
            "initiativärende i september 2022, och hösten 2023 riktade justitieombudsmannen Per "
            "Lennerbrant <b>allvarlig kritik</b> mot kommunstyrelsen. Enligt JO saknades stöd i "
            "lag, och kontrollerna stred mot skyddet för den personliga integriteten i "
            "regeringsformen och mot rätten till privatliv i Europakonventionen. Att "
            "kontrollerna inte dokumenterades kunde enligt JO tyda på en vilja att begränsa "
            "insynen. Kontrollerna pausades. Lärdomen är att goda avsikter aldrig ersätter "
            "lagstöd.</p>",
        ),
        (
            "dilemma",
            {
                "title": "Registerutdrag till administratörstjänsten",
                "situation": (
                    "<p>Du ska anställa en administratör till förvaltningens kansli. En kollega "
                    "tipsar om att ”alla borde visa belastningsregisterutdrag nuförtiden, för "
                    "säkerhets skull”.</p>"
                ),
                "question": "Kan du kräva utdrag av alla sökande?",
                "reflection": (
                    "<p>Nej. Det finns ingen allmän rätt att kräva utdrag, och uppgifter om brott "
                    "får bara behandlas med stöd i lag (GDPR artikel 10). En "
                    "administratörstjänst omfattas normalt inte av någon av lagarna om "
                    "registerkontroll. Använd i stället de kontroller du får göra: identitet, "
                    "rätt att arbeta, examensbevis och noggranna referenser.</p>"
                ),
            },
        ),
        ("heading", {"text": "Det här får du göra som rekryterande chef", "level": "h2"}),
        (
            "paragraph",
            "<ul>"
            "<li>Kontrollera den sökandes <b>identitet</b> och <b>rätt att arbeta</b> i "
            "Sverige.</li>"
            "<li>Kontrollera <b>examensbevis</b> direkt med den som har utfärdat dem.</li>"
            "<li>Ta <b>referenser</b> – och kontrollera att de är äkta.</li>"
            "<li>Begär registerutdrag där lagen ger stöd, och hantera dem enligt reglerna.</li>"
            "<li><b>Informera</b> den sökande om vilka kontroller du gör, och <b>radera</b> "
            "uppgifterna när de inte längre behövs.</li>"
            "</ul>"
            "<p>Samtycke är ofta ingen giltig rättslig grund i en anställningssituation, "
            "eftersom den sökande är beroende av arbetsgivaren. Behandlingen bygger i stället "
            "ofta på en intresseavvägning.</p>",
        ),
        (
            "callout",
            {
                "title": "Se upp för falska referenser",
                "text": (
                    "<p>Falska referenser förekommer, vilket bland annat har uppmärksammats i "
                    "Uppsala. Kontrollera själv att referensen är den hen säger sig vara, till "
                    "exempel genom att ringa via organisationens växel i stället för att "
                    "använda numret i ansökan. Om något inte stämmer, be om nya "
                    "referenser.</p>"
                ),
                "tone": "warning",
            },
        ),
        (
            "dilemma",
            {
                "title": "Referensen som inte stämmer",
                "situation": (
                    "<p>En sökande till en tjänst som socialsekreterare har angett två "
                    "referenser. När du ringer den ena verkar hon osäker på vad den sökande "
                    "gjorde på arbetsplatsen. Du får intrycket att de är vänner privat.</p>"
                ),
                "question": "Hur går du vidare?",
                "reflection": (
                    "<p>Kontrollera referenserna på egen hand, till exempel genom att ringa "
                    "arbetsplatsen via växeln och fråga efter den som var den sökandes chef. Be "
                    "om nya referenser. Se det som en varningssignal, men dra inga slutsatser "
                    "innan du har kontrollerat uppgifterna.</p>"
                ),
            },
        ),
        (
            "faq",
            {
                "title": "Vanliga frågor",
                "items": [
                    {
                        "question": "Får jag spara en kopia av registerutdraget?",
                        "answer": (
                            "<p>Nej, inte vid kontroll enligt lagen (2013:852). Enligt 5 § får "
                            "du bara anteckna att utdraget har visats upp.</p>"
                        ),
                    },
                    {
                        "question": "Får hemtjänsten begära utdrag ur misstankeregistret?",
                        "answer": (
                            "<p>Ja, från den 1 mars 2026 omfattar registerkontrollen vid arbete "
                            "i hemmet hos äldre och personer med funktionsnedsättning både "
                            "belastnings- och misstankeregistret.</p>"
                        ),
                    },
                    {
                        "question": "Räcker det om den sökande samtycker?",
                        "answer": (
                            "<p>Oftast inte. Samtycke är sällan en giltig rättslig grund i en "
                            "anställningssituation, och det ersätter inte det lagstöd som krävs "
                            "för att behandla uppgifter om brott.</p>"
                        ),
                    },
                    {
                        "question": "Kan vi anlita ett företag som gör bakgrundskontroller?",
                        "answer": (
                            "<p>Var mycket försiktig. Även sökningar i en kommersiell databas "
                            "med utgivningsbevis är behandling av personuppgifter, och "
                            "Södertäljefallet visar hur fel det kan bli. Prata med HR och "
                            "dataskyddsombudet innan du gör något sådant.</p>"
                        ),
                    },
                ],
            },
        ),
    ],
}


MODULES = [INTRODUKTION, HOT_OCH_VALD, JAV, KORRUPTION_OCH_MUTOR, REKRYTERINGSKONTROLLER]


ROUTINE_PAGE = {
    "slug": "sa-gor-du-om-du-utsatts",
    "title": "Så gör du om du utsätts",
    "summary": (
        "Steg för steg: så gör du om du utsätts för hot, våld, trakasserier eller andra försök "
        "att påverka ditt arbete, eller om du misstänker korruption."
    ),
    "body": [
        (
            "paragraph",
            "<p>Här är rutinen för dig som utsätts för otillåten påverkan, eller som misstänker "
            "att någon annan gör det. Brå beskriver arbetet i fyra delar: förebygga, agera "
            "akut, följa upp och ge stöd. Du behöver inte vara säker på att det är ett brott "
            "för att agera. Om du uppfattar att någon försöker påverka ditt arbete ska du "
            "rapportera det.</p>",
        ),
        (
            "callout",
            {
                "title": "Vid akut fara – ring 112",
                "text": (
                    "<p>Om du eller någon annan är i fara: sätt dig i säkerhet och ring "
                    "<b>112</b> direkt. Allt annat kan vänta tills faran är över.</p>"
                ),
                "tone": "warning",
            },
        ),
        (
            "routine",
            {
                "title": "Steg för steg",
                "intro": (
                    "<p>Alla steg passar inte varje situation, men gå igenom dem. Vid akut fara "
                    "gäller alltid steg 1 först.</p>"
                ),
                "steps": [
                    {
                        "title": "Akut fara – ring 112",
                        "text": (
                            "<p>Sätt dig i säkerhet och ring 112 om du eller någon annan är i "
                            "fara.</p>"
                        ),
                    },
                    {
                        "title": "Dokumentera",
                        "text": (
                            "<p>Skriv ner datum, tid, vem som var inblandad och vad som hände "
                            "eller sades. Spara mejl, sms, brev och skärmdumpar.</p>"
                        ),
                    },
                    {
                        "title": "Berätta för din chef",
                        "text": (
                            "<p>Informera din chef så snart du kan, eller kommunens "
                            "säkerhetsfunktion om chefen inte går att nå.</p>"
                        ),
                    },
                    {
                        "title": "Rapportera i KIA",
                        "text": (
                            "<p>Gör en tillbuds- eller arbetsskadeanmälan i KIA, eller i det "
                            "system som din arbetsgivare använder.</p>"
                        ),
                    },
                    {
                        "title": "Polisanmäl",
                        "text": (
                            "<p>Hot, våld och förolämpning mot tjänsteman är brott. Din chef "
                            "hjälper dig att göra polisanmälan.</p>"
                        ),
                    },
                    {
                        "title": "Arbetsgivaren anmäler allvarliga händelser",
                        "text": (
                            "<p>Vid allvarliga tillbud och skador anmäler arbetsgivaren "
                            "händelsen till Arbetsmiljöverket utan dröjsmål "
                            "(arbetsmiljöförordningen 2 §).</p>"
                        ),
                    },
                    {
                        "title": "Misstänker du korruption? Utred inte själv",
                        "text": (
                            "<p>Konfrontera inte den du misstänker och börja inte utreda på "
                            "egen hand. En intern granskning får inte försvåra polisens arbete. "
                            "Dokumentera och rapportera till din chef.</p>"
                        ),
                    },
                    {
                        "title": "Använd visselblåsarfunktionen om inget annat hjälper",
                        "text": (
                            "<p>Om det inte går att lösa på annat sätt, till exempel om chefen "
                            "är inblandad, kan du rapportera till kommunens "
                            "visselblåsarfunktion. Enligt visselblåsarlagen (2021:890) ska du "
                            "som regel få en bekräftelse inom sju dagar och återkoppling inom "
                            "tre månader.</p>"
                        ),
                    },
                    {
                        "title": "Ta emot stöd",
                        "text": (
                            "<p>Du kan få stöd via företagshälsovården. Efter en hot- eller "
                            "våldssituation ska chefen erbjuda krisstöd.</p>"
                        ),
                    },
                ],
            },
        ),
        (
            "faq",
            {
                "title": "Vanliga frågor",
                "items": [
                    {
                        "question": "Måste jag vara säker på att det är ett brott?",
                        "answer": (
                            "<p>Nej. Mycket av det som räknas som otillåten påverkan, till "
                            "exempel trakasserier, är inte brottsligt. Rapportera ändå.</p>"
                        ),
                    },
                    {
                        "question": "Vad gör jag om min chef är inblandad?",
                        "answer": (
                            "<p>Vänd dig till chefens chef, till säkerhetsfunktionen eller till "
                            "visselblåsarfunktionen.</p>"
                        ),
                    },
                    {
                        "question": "Vad händer när jag har rapporterat?",
                        "answer": (
                            "<p>Händelsen dokumenteras och utreds. Chefen följer upp med dig, "
                            "erbjuder stöd och ser över riskbedömningen och rutinerna.</p>"
                        ),
                    },
                ],
            },
        ),
    ],
}


HOME_PAGE = {
    "title": "Vaksam",
    "lead": (
        "Vaksam är kommunens utbildning om otillåten påverkan. Här lär du dig att känna igen "
        "försök att påverka ditt arbete – och vad du gör när det händer."
    ),
    "body": [
        ("heading", {"text": "Vad är otillåten påverkan?", "level": "h2"}),
        (
            "paragraph",
            "<p>Brå beskriver otillåten påverkan som trakasserier, hot, våld och korruption som "
            "syftar till att påverka myndighetsutövningen. Det kan vara upprepade obehagliga "
            "mejl efter ett avslag, ett hot mot din familj, en gåva från någon som väntar på "
            "ett beslut eller en kollega som frågar om ärenden som inte rör hennes arbete. "
            "Mycket av det är inte brottsligt, men det räknas ändå om du uppfattar att syftet "
            "är att påverka ditt arbete.</p>",
        ),
        ("heading", {"text": "Varför en kurs?", "level": "h2"}),
        (
            "paragraph",
            "<p>De som fattar beslut med stor betydelse för människors liv, eller har många "
            "externa kontakter, är mest utsatta (Brå 2016:13). Påverkan ändrar sällan besluten, "
            "men den kan påverka din hälsa och ditt privatliv. Kursen ger dig kunskap om hot "
            "och våld, jäv, korruption och – för chefer – rekryteringskontroller. Den ges "
            "varannan månad och leds av kommunens säkerhets- och trygghetssamordnare.</p>",
        ),
        ("heading", {"text": "Om du utsätts", "level": "h2"}),
        (
            "paragraph",
            "<p>Du är inte ensam, och det är aldrig ditt fel. Dokumentera vad som har hänt, "
            "berätta för din chef och rapportera händelsen. Kommunens rutin visar steg för steg "
            "vad du ska göra.</p>",
        ),
        (
            "callout",
            {
                "title": "Akut fara?",
                "text": "<p>Sätt dig i säkerhet och ring <b>112</b>.</p>",
                "tone": "warning",
            },
        ),
    ],
}
