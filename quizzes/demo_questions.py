"""Swedish demo quiz questions for `seed_demo`, written from shared/domain/brief.md."""

from __future__ import annotations

INTRODUKTION = [
    {
        "type": "scenario",
        "situation": (
            "Du har avslagit en ansökan om ekonomiskt bistånd. Sedan dess får du flera "
            "obehagliga mejl i veckan från den sökande, som skriver att du ”borde tänka om”. "
            "Mejlen innehåller inga hot."
        ),
        "question": "Är det här otillåten påverkan, trots att inget brott har begåtts?",
        "explanation": (
            "Trakasserier är den vanligaste formen av otillåten påverkan och behöver inte vara "
            "brottsliga (Brå 2016:13). Enligt SKR (2024) är det avgörande om den som utsätts "
            "uppfattar att syftet är att påverka tjänsteutövningen."
        ),
        "options": [
            {
                "text": "Ja, trakasserier kan vara otillåten påverkan även när de inte är brott.",
                "correct": True,
                "feedback": (
                    "Rätt. Det avgörande är om du uppfattar att syftet är att påverka ditt "
                    "arbete, och uppmaningen att ”tänka om” pekar tydligt åt det hållet."
                ),
            },
            {
                "text": "Nej, det räknas bara som otillåten påverkan om det är ett brott.",
                "correct": False,
                "feedback": (
                    "Fel. Otillåten påverkan omfattar också handlingar som inte är brottsliga, "
                    "till exempel trakasserier."
                ),
            },
            {
                "text": "Nej, inte förrän mejlen innehåller ett uttryckligt hot.",
                "correct": False,
                "feedback": (
                    "Fel. Trakasserier räcker. Du behöver inte vänta tills det blir värre innan "
                    "du berättar för din chef."
                ),
            },
            {
                "text": "Bara om den sökande också har överklagat beslutet.",
                "correct": False,
                "feedback": (
                    "Fel. Om beslutet överklagas eller inte spelar ingen roll. Att överklaga är "
                    "en rättighet; det är mejlens syfte som avgör."
                ),
            },
        ],
    },
    {
        "type": "single_choice",
        "situation": "",
        "question": "Vilka är mest utsatta för otillåten påverkan enligt Brå?",
        "explanation": (
            "Enligt Brå 2016:13 är de mest utsatta de som fattar beslut med stor inverkan på "
            "människors liv och de som har många externa kontakter, ofta efter ett negativt "
            "beslut om pengar eller frihet."
        ),
        "options": [
            {
                "text": (
                    "De som fattar beslut med stor inverkan på människors liv och har många "
                    "externa kontakter."
                ),
                "correct": True,
                "feedback": (
                    "Rätt. Påverkan kommer ofta efter negativa beslut som gäller pengar eller "
                    "frihet."
                ),
            },
            {
                "text": "De som arbetar med interna administrativa uppgifter.",
                "correct": False,
                "feedback": (
                    "Fel. Den som har få externa kontakter och inte fattar beslut om andra är "
                    "mindre utsatt, även om ingen är helt skyddad."
                ),
            },
            {
                "text": "Nyanställda, oavsett vilka arbetsuppgifter de har.",
                "correct": False,
                "feedback": (
                    "Fel. Det är arbetsuppgifterna – beslut och externa kontakter – som avgör "
                    "hur utsatt man är, inte anställningstiden."
                ),
            },
            {
                "text": "Högre chefer, eftersom de syns mest i media.",
                "correct": False,
                "feedback": (
                    "Fel. Chefer och ledningsgrupper kan vara utsatta, men Brå pekar främst ut "
                    "dem som fattar beslut som påverkar enskilda människors liv."
                ),
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": (
            "Vilka av följande räknar Brå som former av otillåten påverkan i rapporten "
            "Brå 2016:13? Välj alla som stämmer."
        ),
        "explanation": (
            "Brå 2016:13 räknar upp trakasserier, hot, våld, skadegörelse och otillbörliga "
            "erbjudanden. Att överklaga eller begära ut handlingar är lagliga rättigheter."
        ),
        "options": [
            {
                "text": "Trakasserier",
                "correct": True,
                "feedback": "Rätt. Trakasserier är den vanligaste formen.",
            },
            {
                "text": "Skadegörelse",
                "correct": True,
                "feedback": "Rätt. Skadegörelse, till exempel på bilen eller hemmet, ingår.",
            },
            {
                "text": "Otillbörliga erbjudanden",
                "correct": True,
                "feedback": "Rätt. Gåvor och andra erbjudanden som ska påverka dig ingår.",
            },
            {
                "text": "Att en part överklagar ditt beslut",
                "correct": False,
                "feedback": (
                    "Fel. Att överklaga är en laglig rättighet och inte otillåten påverkan."
                ),
            },
            {
                "text": "Att en part begär att få ta del av allmänna handlingar",
                "correct": False,
                "feedback": (
                    "Fel. Att begära ut allmänna handlingar är en laglig rättighet och inte "
                    "otillåten påverkan."
                ),
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": (
            "Brå:s undersökning visar att otillåten påverkan oftare påverkar de anställdas hälsa "
            "och privatliv än själva besluten."
        ),
        "explanation": (
            "Enligt Brå 2016:13 ändras besluten sällan, men många anställda påverkas i hälsa och "
            "privatliv, till exempel genom att de skyddar sina personuppgifter och ändrar sina "
            "rutiner."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": True,
                "feedback": (
                    "Rätt. Därför är det viktigt att ta även ”små” händelser på allvar och att "
                    "den som utsätts får stöd."
                ),
            },
            {
                "text": "Falskt",
                "correct": False,
                "feedback": (
                    "Fel. Besluten ändras sällan. Det som påverkas är framför allt de "
                    "anställdas hälsa och privatliv."
                ),
            },
        ],
    },
    {
        "type": "scenario",
        "situation": (
            "En kollega på en annan enhet frågar dig ofta om ett pågående ärende som gäller en "
            "familj i ditt område. Hon vill veta vilka som har kontakt med familjen och när "
            "nästa möte är. Ärendet har inget med hennes arbete att göra."
        ),
        "question": "Vad gör du?",
        "explanation": (
            "Enligt Brå (2024) värvas de flesta möjliggörare under anställningen, och uppgifter "
            "kan vara värdefulla för kriminella nätverk även när de inte är hemliga. Rapportera "
            "till chefen eller säkerhetsfunktionen i stället för att utreda själv."
        ),
        "options": [
            {
                "text": "Lämnar inte ut något och berättar för chefen eller säkerhetsfunktionen.",
                "correct": True,
                "feedback": (
                    "Rätt. Du behöver inte själv avgöra kollegans avsikter – det är chefens "
                    "uppgift att ta reda på det."
                ),
            },
            {
                "text": "Svarar, eftersom hon också är anställd i kommunen och har tystnadsplikt.",
                "correct": False,
                "feedback": (
                    "Fel. Att hon är anställd ger henne ingen rätt till uppgifter som inte "
                    "behövs i hennes arbete. Insiders är just anställda."
                ),
            },
            {
                "text": "Konfronterar henne och frågar varför hon vill veta.",
                "correct": False,
                "feedback": (
                    "Fel. Konfrontera inte själv. Det kan försvåra en utredning och utsätta dig "
                    "för risker."
                ),
            },
            {
                "text": "Svarar bara på frågor om uppgifter som inte omfattas av sekretess.",
                "correct": False,
                "feedback": (
                    "Fel. Enligt Brå (2024) kan även uppgifter som inte är hemliga vara "
                    "värdefulla för ett kriminellt nätverk."
                ),
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": "Vad gäller enligt visselblåsarlagen (2021:890)? Välj alla som stämmer.",
        "explanation": (
            "Enligt visselblåsarlagen (2021:890) ska mottagandet som regel bekräftas inom sju "
            "dagar och återkoppling lämnas inom tre månader. Repressalier är förbjudna "
            "(3 kap. 1 §), men lagen ger ingen rätt att lämna ut handlingar (2 kap. 2 §)."
        ),
        "options": [
            {
                "text": "Mottagandet av en rapport ska som regel bekräftas inom sju dagar.",
                "correct": True,
                "feedback": "Rätt. Sju dagar gäller, utom i vissa undantagsfall.",
            },
            {
                "text": "Den som rapporterar ska få återkoppling inom tre månader.",
                "correct": True,
                "feedback": "Rätt. Återkoppling ska lämnas inom tre månader.",
            },
            {
                "text": "Arbetsgivaren får inte vidta repressalier mot den som har rapporterat.",
                "correct": True,
                "feedback": (
                    "Rätt. Förbudet mot repressalier skyddar även den som hjälper till, "
                    "kollegor och närstående."
                ),
            },
            {
                "text": "Lagen ger rätt att lämna ut handlingar för att bevisa missförhållandet.",
                "correct": False,
                "feedback": (
                    "Fel. Lagen ger ingen rätt att lämna ut handlingar (2 kap. 2 §). "
                    "Ansvarsfriheten gäller uppgifter, inte handlingar."
                ),
            },
            {
                "text": "Lagen skyddar bara den som är anställd just nu.",
                "correct": False,
                "feedback": (
                    "Fel. Även tidigare anställda, arbetssökande, volontärer, praktikanter och "
                    "konsulter skyddas."
                ),
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": (
            "De flesta möjliggörare söker sig till sin anställning för att hjälpa ett "
            "kriminellt nätverk."
        ),
        "explanation": (
            "Enligt Brå (2024) värvas de flesta möjliggörare under anställningen. Några placeras "
            "ut eller söker själva jobbet, och en del vet inte ens om att de används."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": False,
                "feedback": (
                    "Fel. Det förekommer, men de flesta värvas under tiden de redan är anställda."
                ),
            },
            {
                "text": "Falskt",
                "correct": True,
                "feedback": (
                    "Rätt. De flesta värvas under anställningen, och en del förstår inte att "
                    "de används."
                ),
            },
        ],
    },
    {
        "type": "single_choice",
        "situation": "",
        "question": "Vad är kommunens visselblåsarfunktion i första hand till för?",
        "explanation": (
            "Visselblåsarlagen (2021:890) gäller missförhållanden av allmänintresse i ett "
            "arbetsrelaterat sammanhang. Vanliga arbetsmiljöfrågor tar du i första hand med "
            "chefen eller facket."
        ),
        "options": [
            {
                "text": "Missförhållanden av allmänintresse i ett arbetsrelaterat sammanhang.",
                "correct": True,
                "feedback": (
                    "Rätt. Det kan till exempel gälla misstänkt korruption som inte går att ta "
                    "upp med chefen."
                ),
            },
            {
                "text": "Vanliga klagomål på arbetsmiljön, till exempel om lokalerna.",
                "correct": False,
                "feedback": (
                    "Fel. Sådant tar du i första hand med chefen, skyddsombudet eller facket."
                ),
            },
            {
                "text": "Konflikter mellan kollegor i arbetsgruppen.",
                "correct": False,
                "feedback": (
                    "Fel. Konflikter på arbetsplatsen hanteras i första hand av chefen, inte av "
                    "visselblåsarfunktionen."
                ),
            },
            {
                "text": "Invändningar mot ett beslut som kommunen har fattat i ett ärende.",
                "correct": False,
                "feedback": (
                    "Fel. Den som är missnöjd med ett beslut kan överklaga det. "
                    "Visselblåsarfunktionen är till för missförhållanden."
                ),
            },
        ],
    },
]


HOT_OCH_VALD = [
    {
        "type": "scenario",
        "situation": (
            "Du har just meddelat en klient ett avslag. Klienten lutar sig fram och säger: "
            "”Jag vet vilken skola dina barn går i.” Sedan blir han tyst och väntar på ditt "
            "svar."
        ),
        "question": "Vad gör du?",
        "explanation": (
            "Ett hot som ska påverka ett beslut och som riktar sig mot närstående är otillåten "
            "påverkan och kan vara våld eller hot mot tjänsteman (brottsbalken 17 kap. 1 §). "
            "Avsluta mötet säkert, informera chefen, dokumentera och gör tillbuds- och "
            "polisanmälan."
        ),
        "options": [
            {
                "text": (
                    "Avslutar mötet på ett säkert sätt, informerar chefen, dokumenterar och "
                    "gör tillbuds- och polisanmälan."
                ),
                "correct": True,
                "feedback": (
                    "Rätt. Din säkerhet kommer först, och chefen ska hjälpa dig med "
                    "polisanmälan och stöd."
                ),
            },
            {
                "text": "Fortsätter lugnt och låtsas inte ha hört, för att inte trappa upp.",
                "correct": False,
                "feedback": (
                    "Fel. Att lugnt avsluta mötet är klokt, men hotet måste rapporteras och "
                    "dokumenteras."
                ),
            },
            {
                "text": "Antecknar i akten men väntar med att berätta tills det händer igen.",
                "correct": False,
                "feedback": (
                    "Fel. Varje hot ska rapporteras direkt, så att chefen kan skydda dig och "
                    "dina närstående."
                ),
            },
            {
                "text": "Erbjuder ett nytt möte där ni kan gå igenom beslutet en gång till.",
                "correct": False,
                "feedback": (
                    "Fel. Det kan uppfattas som att hotet fungerar. Hotet ska rapporteras, och "
                    "chefen avgör hur kontakten sköts framöver."
                ),
            },
        ],
    },
    {
        "type": "scenario",
        "situation": (
            "En kväll ser du att någon har fotograferat dig utanför jobbet. Bilden ligger i en "
            "grupp i sociala medier, tillsammans med ditt namn och texten ”det är hon som tar "
            "barnen”."
        ),
        "question": "Vad är det bästa sättet att hantera det?",
        "explanation": (
            "SKR (2024) räknar olovlig filmning och fotografering som trakasserier, och det "
            "räknas som otillåten påverkan även om det inte är ett brott. Spara bevis, "
            "rapportera och bedöm polisanmälan tillsammans med chefen."
        ),
        "options": [
            {
                "text": (
                    "Spara skärmdumpar, rapportera till chefen eller säkerhetsfunktionen och "
                    "bedöm polisanmälan tillsammans."
                ),
                "correct": True,
                "feedback": (
                    "Rätt. Det är otillåten påverkan, och du ska inte behöva hantera det ensam."
                ),
            },
            {
                "text": "Svara i tråden och förklara att du bara följer lagen.",
                "correct": False,
                "feedback": (
                    "Fel. Att svara själv kan trappa upp situationen. Låt arbetsgivaren hjälpa "
                    "dig att hantera det."
                ),
            },
            {
                "text": "Låta det vara, eftersom det hände på din fritid.",
                "correct": False,
                "feedback": (
                    "Fel. Bilden hänger ihop med ditt arbete och syftar till att påverka dig. "
                    "Det är otillåten påverkan även om det sker på fritiden."
                ),
            },
            {
                "text": "Anmäla inlägget till plattformen och sedan glömma det.",
                "correct": False,
                "feedback": (
                    "Fel. Att anmäla inlägget kan vara bra, men händelsen måste också "
                    "rapporteras till chefen så att mönster syns och du får stöd."
                ),
            },
        ],
    },
    {
        "type": "single_choice",
        "situation": "",
        "question": "Vem ska anmäla ett allvarligt tillbud till Arbetsmiljöverket, och när?",
        "explanation": (
            "Enligt arbetsmiljöförordningen (1977:1166) 2 § ska arbetsgivaren utan dröjsmål "
            "anmäla allvarliga tillbud och allvarliga skador till Arbetsmiljöverket, till "
            "exempel hot med kniv eller hot om att döda."
        ),
        "options": [
            {
                "text": "Arbetsgivaren, utan dröjsmål.",
                "correct": True,
                "feedback": "Rätt. Det är arbetsgivarens ansvar, och det ska ske utan dröjsmål.",
            },
            {
                "text": "Den som har utsatts, inom en månad.",
                "correct": False,
                "feedback": (
                    "Fel. Anmälan till Arbetsmiljöverket är arbetsgivarens ansvar, och den ska "
                    "göras utan dröjsmål."
                ),
            },
            {
                "text": "Skyddsombudet, vid nästa skyddsrond.",
                "correct": False,
                "feedback": (
                    "Fel. Det är arbetsgivaren som anmäler, och det kan inte vänta till nästa "
                    "skyddsrond."
                ),
            },
            {
                "text": "Polisen, när polisanmälan har utretts.",
                "correct": False,
                "feedback": (
                    "Fel. Polisanmälan och anmälan till Arbetsmiljöverket är två olika saker. "
                    "Arbetsgivaren anmäler till Arbetsmiljöverket."
                ),
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": (
            "Sedan den 2 juli 2025 kan det vara brottet förolämpning mot tjänsteman om en "
            "klient kallar en socialsekreterare grova skällsord under ett beslutsmöte."
        ),
        "explanation": (
            "Förolämpning mot tjänsteman infördes den 2 juli 2025 (prop. 2024/25:141). Straffet "
            "är böter eller fängelse i högst sex månader, och brottet skyddar bland annat "
            "socialsekreterare i myndighetsutövning."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": True,
                "feedback": (
                    "Rätt. Dokumentera vad som sades, rapportera och polisanmäl händelsen."
                ),
            },
            {
                "text": "Falskt",
                "correct": False,
                "feedback": (
                    "Fel. Förut omfattades inte enbart förolämpningar (RH 2013:61), men sedan "
                    "den 2 juli 2025 finns det nya brottet förolämpning mot tjänsteman."
                ),
            },
        ],
    },
    {
        "type": "single_choice",
        "situation": "",
        "question": "En besökare hotar dig med kniv. Vad gör du först?",
        "explanation": (
            "Vid akut fara går din säkerhet före allt annat: sätt dig i säkerhet och ring 112. "
            "Sedan följer chef, dokumentation, tillbudsanmälan och polisanmälan."
        ),
        "options": [
            {
                "text": "Sätter mig i säkerhet och ringer 112.",
                "correct": True,
                "feedback": "Rätt. Allt annat kan vänta tills faran är över.",
            },
            {
                "text": "Ringer chefen och frågar hur jag ska göra.",
                "correct": False,
                "feedback": (
                    "Fel. Chefen ska informeras, men först när du är i säkerhet och har ringt 112."
                ),
            },
            {
                "text": "Försöker minnas exakt vad besökaren säger, för att kunna dokumentera.",
                "correct": False,
                "feedback": (
                    "Fel. Dokumentation är viktig, men den gör du efteråt. Först din säkerhet."
                ),
            },
            {
                "text": "Gör en tillbudsanmälan i KIA.",
                "correct": False,
                "feedback": (
                    "Fel. Tillbudsanmälan görs när faran är över. Först sätter du dig i "
                    "säkerhet och ringer 112."
                ),
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": "Vad ska chefen göra efter en hotsituation? Välj alla som stämmer.",
        "explanation": (
            "Chefen ska erbjuda krisstöd, hjälpa till med polisanmälan, se till att händelsen "
            "rapporteras i KIA och se över riskbedömningen och rutinerna (AFS 2023:2). Arbetet "
            "väntar inte på polisens utredning."
        ),
        "options": [
            {
                "text": "Erbjuda krisstöd.",
                "correct": True,
                "feedback": "Rätt. Den som drabbas ska snabbt få hjälp och stöd.",
            },
            {
                "text": "Hjälpa till med polisanmälan.",
                "correct": True,
                "feedback": "Rätt. Medarbetaren ska inte behöva polisanmäla på egen hand.",
            },
            {
                "text": "Se till att händelsen rapporteras i KIA eller motsvarande system.",
                "correct": True,
                "feedback": "Rätt. Varje händelse ska dokumenteras och utredas.",
            },
            {
                "text": "Se över riskbedömningen och rutinerna.",
                "correct": True,
                "feedback": "Rätt. Händelsen kan visa att riskerna behöver bedömas på nytt.",
            },
            {
                "text": "Vänta med åtgärder tills polisen har utrett händelsen.",
                "correct": False,
                "feedback": (
                    "Fel. Arbetsgivarens ansvar för arbetsmiljön gäller direkt, oavsett "
                    "polisens utredning."
                ),
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": (
            "Vad ska arbetsgivaren göra enligt Arbetsmiljöverkets regler om våld och hot, som "
            "sedan 2025 ingår i AFS 2023:2? Välj alla som stämmer."
        ),
        "explanation": (
            "Reglerna från AFS 1993:2 ingår sedan den 1 januari 2025 i AFS 2023:2. "
            "Arbetsgivaren ska bland annat bedöma riskerna, ha säkerhetsrutiner som alla känner "
            "till och dokumentera och utreda varje händelse."
        ),
        "options": [
            {
                "text": "Bedöma riskerna för våld och hot och vidta åtgärder.",
                "correct": True,
                "feedback": "Rätt. Riskbedömningen är grunden för allt annat arbete.",
            },
            {
                "text": "Ha särskilda säkerhetsrutiner som alla medarbetare känner till.",
                "correct": True,
                "feedback": "Rätt. Rutinerna fungerar bara om alla känner till dem.",
            },
            {
                "text": "Dokumentera och utreda varje händelse.",
                "correct": True,
                "feedback": "Rätt. Även händelser där ingen skadades ska dokumenteras och utredas.",
            },
            {
                "text": "Utreda bara de händelser som har lett till fysisk skada.",
                "correct": False,
                "feedback": (
                    "Fel. Varje händelse ska dokumenteras och utredas, även hot där ingen skadades."
                ),
            },
            {
                "text": "Tillåta ensamarbete så länge medarbetaren själv säger ja.",
                "correct": False,
                "feedback": (
                    "Fel. Ensamarbete ska undvikas där det finns en tydlig risk, oavsett vad "
                    "medarbetaren tycker."
                ),
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": (
            "Den som har slutat i sin tjänst skyddas inte längre av brottet våld eller hot mot "
            "tjänsteman, även om hotet är hämnd för ett beslut hen fattade."
        ),
        "explanation": (
            "Brottsbalken 17 kap. 1 § skyddar också den som tidigare har haft tjänsten, till "
            "exempel när någon hämnas för ett beslut."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": False,
                "feedback": (
                    "Fel. Skyddet gäller även den som tidigare har utövat myndighetsutövning."
                ),
            },
            {
                "text": "Falskt",
                "correct": True,
                "feedback": (
                    "Rätt. Skyddet följer med efter att du har bytt tjänst, när hotet gäller "
                    "det du gjorde i tjänsten."
                ),
            },
        ],
    },
]


JAV = [
    {
        "type": "scenario",
        "situation": (
            "Du handlägger tillståndsärenden. I dag kommer en ansökan från ett företag som din "
            "syster äger. Ärendet ser enkelt ut."
        ),
        "question": "Vad gör du?",
        "explanation": (
            "Din syster är närstående och hennes företag är part, vilket är jäv enligt "
            "förvaltningslagen (2017:900) 16 § 1 och kommunallagen 6 kap. 28 § 1. Du får inte "
            "delta i handläggningen (förvaltningslagen 17 §)."
        ),
        "options": [
            {
                "text": "Anmäler jäv till chefen direkt och lämnar över ärendet.",
                "correct": True,
                "feedback": "Rätt. Du är jävig och får inte delta i handläggningen.",
            },
            {
                "text": "Handlägger ärendet men låter en kollega granska beslutet.",
                "correct": False,
                "feedback": (
                    "Fel. Den som är jävig får inte delta i handläggningen alls, inte ens om "
                    "någon annan granskar."
                ),
            },
            {
                "text": "Handlägger ärendet, eftersom det är enkelt och du vet att du är objektiv.",
                "correct": False,
                "feedback": (
                    "Fel. Jäv handlar om risken för partiskhet och om förtroendet, inte om hur "
                    "enkelt ärendet är."
                ),
            },
            {
                "text": "Anmäler jäv bara om ansökan riskerar att beviljas.",
                "correct": False,
                "feedback": "Fel. Jäv ska anmälas genast, oavsett vad beslutet väntas bli.",
            },
        ],
    },
    {
        "type": "scenario",
        "situation": (
            "En nära vän sedan tjugo år söker ekonomiskt bistånd hos din enhet. Ni är inte "
            "släkt. Ärendet har ännu inte fördelats till någon handläggare."
        ),
        "question": "Hur bör du agera?",
        "explanation": (
            "En nära vänskap kan vara en särskild omständighet som gör att opartiskheten kan "
            "ifrågasättas, så kallat delikatessjäv (förvaltningslagen 16 § 4). Enligt "
            "försiktighetsprincipen ska du anmäla och kliva åt sidan."
        ),
        "options": [
            {
                "text": "Anmäler jäv till chefen, så att ärendet handläggs av någon annan.",
                "correct": True,
                "feedback": (
                    "Rätt. Vid gråzoner som nära vänskap är det bättre att anmäla en gång för "
                    "mycket."
                ),
            },
            {
                "text": "Gör inget särskilt, eftersom jäv bara gäller släktingar.",
                "correct": False,
                "feedback": (
                    "Fel. Jäv kan också bero på andra särskilda omständigheter, som nära vänskap."
                ),
            },
            {
                "text": "Tar ärendet, eftersom du känner till vännens situation bäst.",
                "correct": False,
                "feedback": (
                    "Fel. Just din nära relation gör att din opartiskhet kan ifrågasättas."
                ),
            },
            {
                "text": "Tar ärendet men låter chefen fatta beslutet.",
                "correct": False,
                "feedback": (
                    "Fel. Jävsreglerna gäller också den som utreder och bereder ärendet, inte "
                    "bara den som beslutar."
                ),
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": "Om du själv vet att du är objektiv behöver du inte anmäla jäv.",
        "explanation": (
            "Jäv handlar om risken för partiskhet och om allmänhetens förtroende, inte om "
            "huruvida du faktiskt är partisk (förvaltningslagen 16 §, regeringsformen "
            "1 kap. 9 §)."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": False,
                "feedback": (
                    "Fel. Det räcker inte att du själv vet att du är objektiv. Andra måste "
                    "kunna lita på att beslutet är opartiskt."
                ),
            },
            {
                "text": "Falskt",
                "correct": True,
                "feedback": (
                    "Rätt. Jäv gäller risken för partiskhet, inte om du faktiskt är partisk."
                ),
            },
        ],
    },
    {
        "type": "single_choice",
        "situation": "",
        "question": "Du ska bara diarieföra ett ärende som gäller din bror. Är du jävig?",
        "explanation": (
            "Jävsreglerna gäller den som kan påverka hur ärendet avgörs, till exempel genom att "
            "bereda eller föredra det. Rent expeditionella uppgifter som diarieföring omfattas "
            "normalt inte, men informera ändå chefen."
        ),
        "options": [
            {
                "text": (
                    "Normalt inte, eftersom rent expeditionella uppgifter inte omfattas – men "
                    "informera chefen."
                ),
                "correct": True,
                "feedback": (
                    "Rätt. Diarieföring påverkar inte hur ärendet avgörs, men öppenhet skapar "
                    "förtroende."
                ),
            },
            {
                "text": "Ja, du får inte ha någon kontakt alls med ärendet.",
                "correct": False,
                "feedback": (
                    "Fel. Rent expeditionella uppgifter omfattas normalt inte av jävsreglerna."
                ),
            },
            {
                "text": "Ja, men bara om din bror har ett ombud.",
                "correct": False,
                "feedback": (
                    "Fel. Frågan om ombud spelar ingen roll här. Det avgörande är att "
                    "diarieföring inte påverkar hur ärendet avgörs."
                ),
            },
            {
                "text": "Nej, och du behöver inte heller berätta det för någon.",
                "correct": False,
                "feedback": (
                    "Fel. Du är normalt inte jävig, men det är klokt att berätta för chefen så "
                    "att ni kan bedöma saken tillsammans."
                ),
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": (
            "Vilka av följande är jävsgrunder enligt förvaltningslagen (2017:900) 16 §? Välj "
            "alla som stämmer."
        ),
        "explanation": (
            "Förvaltningslagen 16 § omfattar bland annat att du eller en närstående är part, "
            "att du eller en närstående är eller har varit ombud, och andra särskilda "
            "omständigheter som kan rubba förtroendet för din opartiskhet."
        ),
        "options": [
            {
                "text": "Du eller en närstående är part i ärendet.",
                "correct": True,
                "feedback": "Rätt. Det är sakägar- eller släktskapsjäv (16 § 1).",
            },
            {
                "text": "Du eller en närstående är eller har varit ombud för en part.",
                "correct": True,
                "feedback": "Rätt. Det är ombudsjäv (16 § 2).",
            },
            {
                "text": (
                    "Det finns en annan särskild omständighet som gör att din opartiskhet kan "
                    "ifrågasättas."
                ),
                "correct": True,
                "feedback": "Rätt. Det är delikatessjäv (16 § 4), till exempel nära vänskap.",
            },
            {
                "text": "Du har handlagt liknande ärenden tidigare på samma enhet.",
                "correct": False,
                "feedback": (
                    "Fel. Erfarenhet av liknande ärenden gör dig inte jävig. Tvåinstansjäv "
                    "gäller samma ärende hos en annan myndighet."
                ),
            },
            {
                "text": "Du bor i samma kommun som den sökande.",
                "correct": False,
                "feedback": "Fel. Att bo i samma kommun är i sig ingen jävsgrund.",
            },
        ],
    },
    {
        "type": "single_choice",
        "situation": "",
        "question": "När ska du anmäla en omständighet som kan göra dig jävig?",
        "explanation": (
            "Enligt förvaltningslagen 18 § ska du genast anmäla omständigheten, och enligt "
            "kommunallagen 6 kap. 30 § ska du självmant ge den till känna. Sedan prövas "
            "jävsfrågan så snart som möjligt."
        ),
        "options": [
            {
                "text": "Genast, så snart du känner till den.",
                "correct": True,
                "feedback": "Rätt. Det är ditt eget ansvar att säga till direkt.",
            },
            {
                "text": "När ärendet är klart för beslut.",
                "correct": False,
                "feedback": (
                    "Fel. Då har du redan deltagit i handläggningen. Anmälan ska göras genast."
                ),
            },
            {
                "text": "Bara om en part invänder mot att du handlägger ärendet.",
                "correct": False,
                "feedback": (
                    "Fel. Du ska självmant säga till. Ingen annan behöver fråga eller invända."
                ),
            },
            {
                "text": "Vid nästa avstämning med chefen.",
                "correct": False,
                "feedback": (
                    "Fel. Anmälan kan inte vänta till ett planerat möte. Den ska göras genast."
                ),
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": (
            "Jävsreglerna gäller bara den som fattar beslutet, inte den som bereder eller "
            "föredrar ärendet."
        ),
        "explanation": (
            "Jävsreglerna i förvaltningslagen 16 § gäller alla som kan påverka hur ärendet "
            "avgörs, alltså även den som utreder, bereder eller föredrar det."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": False,
                "feedback": (
                    "Fel. Den som bereder eller föredrar ett ärende kan påverka beslutet och "
                    "omfattas därför av jävsreglerna."
                ),
            },
            {
                "text": "Falskt",
                "correct": True,
                "feedback": (
                    "Rätt. Reglerna gäller alla som kan påverka utgången, inte bara "
                    "beslutsfattaren."
                ),
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": "Vad gäller för den som är jävig i ett ärende? Välj alla som stämmer.",
        "explanation": (
            "Enligt förvaltningslagen 17 § får den som är jävig inte delta i handläggningen "
            "eller vara närvarande när ärendet avgörs. Undantaget är uppgifter som ingen annan "
            "kan utföra utan att handläggningen försenas avsevärt."
        ),
        "options": [
            {
                "text": "Får inte delta i handläggningen.",
                "correct": True,
                "feedback": "Rätt. Det gäller både utredning, beredning och beslut.",
            },
            {
                "text": "Får inte vara närvarande när ärendet avgörs.",
                "correct": True,
                "feedback": "Rätt. Du ska lämna rummet när ärendet avgörs.",
            },
            {
                "text": (
                    "Får utföra en uppgift som ingen annan kan göra utan att handläggningen "
                    "försenas avsevärt."
                ),
                "correct": True,
                "feedback": "Rätt. Det är det snäva undantaget i förvaltningslagen 17 §.",
            },
            {
                "text": "Får delta om hen lovar att vara opartisk.",
                "correct": False,
                "feedback": (
                    "Fel. Ett löfte om opartiskhet ändrar inget, eftersom jäv handlar om risken "
                    "för partiskhet."
                ),
            },
            {
                "text": "Får ge råd till kollegan som tar över ärendet.",
                "correct": False,
                "feedback": (
                    "Fel. Att ge råd är att delta i handläggningen, och det får den som är "
                    "jävig inte göra."
                ),
            },
        ],
    },
]


KORRUPTION_OCH_MUTOR = [
    {
        "type": "scenario",
        "situation": (
            "Några veckor efter att du har beviljat en insats får du ett kort från en anhörig. "
            "I kuvertet ligger ett presentkort på 500 kronor och en lapp: ”Tack för att du "
            "lyssnade på oss.”"
        ),
        "question": "Vad gör du?",
        "explanation": (
            "Det finns ingen beloppsgräns för mutor, och en belöning efter ett beslut kan vara "
            "en muta (brottsbalken 10 kap. 5 a §). Den som genast lämnar tillbaka en förmån har "
            "inte begått något brott."
        ),
        "options": [
            {
                "text": "Lämnar tillbaka presentkortet och berättar för chefen.",
                "correct": True,
                "feedback": (
                    "Rätt. Ett vänligt svar där du förklarar att du inte får ta emot gåvor "
                    "brukar tas emot väl."
                ),
            },
            {
                "text": "Behåller det, eftersom beslutet redan är fattat.",
                "correct": False,
                "feedback": "Fel. Även en tackgåva efter ett beslut kan vara en muta.",
            },
            {
                "text": "Behåller det, eftersom 500 kronor ligger under gränsen för mutor.",
                "correct": False,
                "feedback": (
                    "Fel. Det finns ingen gräns i kronor. Det beror på omständigheterna, och "
                    "offentlig sektor bedöms strängt."
                ),
            },
            {
                "text": "Använder det till fika som hela arbetslaget delar på.",
                "correct": False,
                "feedback": (
                    "Fel. Presentkortet är kopplat till ett beslut, och det blir inte tillåtet "
                    "för att du delar det med andra."
                ),
            },
        ],
    },
    {
        "type": "scenario",
        "situation": (
            "Kommunen upphandlar ett nytt verksamhetssystem, och du ingår i gruppen som "
            "utvärderar anbuden. En av leverantörerna som har lämnat anbud bjuder in dig till "
            "en konferensresa med hotell och middag."
        ),
        "question": "Kan du tacka ja?",
        "explanation": (
            "Myndighetsutövning och pågående upphandlingar är de känsligaste situationerna. "
            "Enligt IMM:s Näringslivskoden ska leverantören inte erbjuda några förmåner alls i "
            "det här läget."
        ),
        "options": [
            {
                "text": "Nej, en pågående upphandling är en av de känsligaste situationerna.",
                "correct": True,
                "feedback": (
                    "Rätt. Tacka nej, berätta för chefen och den som ansvarar för "
                    "upphandlingen, och dokumentera erbjudandet."
                ),
            },
            {
                "text": "Ja, om konferensen har ett seriöst program.",
                "correct": False,
                "feedback": (
                    "Fel. Programmet ändrar inte att resan kommer från en anbudsgivare i en "
                    "pågående upphandling."
                ),
            },
            {
                "text": "Ja, om chefen godkänner resan.",
                "correct": False,
                "feedback": "Fel. Chefens godkännande gör inte en otillbörlig förmån laglig.",
            },
            {
                "text": "Ja, så länge ni inte pratar om anbuden under resan.",
                "correct": False,
                "feedback": (
                    "Fel. En förmån kan vara otillbörlig även om den inte faktiskt påverkar "
                    "dig och även om ni inte pratar om upphandlingen."
                ),
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": "Om chefen säger att en gåva är okej blir den laglig att ta emot.",
        "explanation": (
            "Om en förmån är otillbörlig avgörs av omständigheterna, inte av chefens "
            "godkännande (brottsbalken 10 kap. 5 a §)."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": False,
                "feedback": "Fel. Chefens godkännande ändrar inte om förmånen är otillbörlig.",
            },
            {
                "text": "Falskt",
                "correct": True,
                "feedback": (
                    "Rätt. En otillbörlig förmån är fortfarande otillbörlig, oavsett vad chefen "
                    "säger."
                ),
            },
        ],
    },
    {
        "type": "single_choice",
        "situation": "",
        "question": (
            "Föräldrar bjuder arbetslaget på en kaka vid terminsslutet. Hur ska du se på det?"
        ),
        "explanation": (
            "Något av obetydligt värde som delas av hela gruppen och inte är kopplat till ett "
            "beslut är normalt okej. Kontrollera ändå kommunens egna riktlinjer."
        ),
        "options": [
            {
                "text": (
                    "Det är normalt okej – värdet är obetydligt, kakan delas och den är inte "
                    "kopplad till något beslut."
                ),
                "correct": True,
                "feedback": "Rätt. Kontrollera ändå vad kommunens riktlinjer säger.",
            },
            {
                "text": "Det är alltid en muta och ska lämnas tillbaka.",
                "correct": False,
                "feedback": (
                    "Fel. Det finns ingen beloppsgräns, men en kaka som delas i fikarummet är "
                    "normalt okej."
                ),
            },
            {
                "text": "Det är okej, eftersom gåvor under 200 kronor alltid är tillåtna.",
                "correct": False,
                "feedback": (
                    "Fel. Det finns ingen gräns i kronor. Det avgörande är omständigheterna."
                ),
            },
            {
                "text": "Det är okej bara om chefen har godkänt det i förväg.",
                "correct": False,
                "feedback": (
                    "Fel. Chefens godkännande avgör inte om en förmån är otillbörlig. Det är "
                    "omständigheterna som avgör."
                ),
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": "Vad gäller för mutbrott enligt brottsbalken 10 kap.? Välj alla som stämmer.",
        "explanation": (
            "Det finns ingen beloppsgräns, förmånen behöver inte ha påverkat mottagaren och "
            "tackgåvor kan vara mutor. Både att ta emot, godta ett löfte om och begära en "
            "förmån (5 a §) och att lämna, utlova eller erbjuda en (5 b §) är brott."
        ),
        "options": [
            {
                "text": "Det finns ingen gräns i kronor för när en gåva blir en muta.",
                "correct": True,
                "feedback": "Rätt. Det beror på omständigheterna.",
            },
            {
                "text": "Förmånen behöver inte faktiskt ha påverkat den som tar emot den.",
                "correct": True,
                "feedback": "Rätt. Det räcker att förmånen är otillbörlig.",
            },
            {
                "text": "En tackgåva efter ett beslut kan också vara en muta.",
                "correct": True,
                "feedback": "Rätt. Belöningar i efterhand kan också vara otillbörliga.",
            },
            {
                "text": "Det är bara brottsligt att ta emot en muta, inte att erbjuda en.",
                "correct": False,
                "feedback": (
                    "Fel. Givande av muta (5 b §) omfattar den som lämnar, utlovar eller "
                    "erbjuder en otillbörlig förmån."
                ),
            },
            {
                "text": "Det är inte brottsligt att begära en förmån så länge man inte får den.",
                "correct": False,
                "feedback": (
                    "Fel. Tagande av muta (5 a §) omfattar också att begära en otillbörlig förmån."
                ),
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": (
            "Näringslivskoden är strängare än lagen: företag ska inte erbjuda förmåner till "
            "den som arbetar med myndighetsutövning eller en pågående upphandling."
        ),
        "explanation": (
            "IMM:s Kod mot korruption i näringslivet gäller sedan den 14 augusti 2020 och är "
            "strängare än lagen när det gäller myndighetsutövning och pågående eller kommande "
            "upphandlingar."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": True,
                "feedback": (
                    "Rätt. I de situationerna ska företag inte erbjuda några förmåner alls."
                ),
            },
            {
                "text": "Falskt",
                "correct": False,
                "feedback": (
                    "Fel. Koden är just strängare än lagen i de här känsliga situationerna."
                ),
            },
        ],
    },
    {
        "type": "single_choice",
        "situation": "",
        "question": "Vad är straffskalan för grovt tagande av muta (brottsbalken 10 kap. 5 c §)?",
        "explanation": (
            "Grovt tagande eller givande av muta ger fängelse i lägst sex månader och högst sex "
            "år, till exempel vid stora belopp eller när brottet är systematiskt."
        ),
        "options": [
            {
                "text": "Fängelse i lägst sex månader och högst sex år.",
                "correct": True,
                "feedback": "Rätt. Det gäller till exempel stora belopp eller systematiska brott.",
            },
            {
                "text": "Böter eller fängelse i högst två år.",
                "correct": False,
                "feedback": (
                    "Fel. Det är straffskalan för brott av normalgraden enligt 5 a och 5 b §§."
                ),
            },
            {
                "text": "Fängelse i lägst ett och högst tio år.",
                "correct": False,
                "feedback": "Fel. Straffskalan för det grova brottet är sex månader till sex år.",
            },
            {
                "text": "Endast böter.",
                "correct": False,
                "feedback": (
                    "Fel. Redan brott av normalgraden kan ge fängelse, och det grova brottet "
                    "ger alltid fängelse."
                ),
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": (
            "Du misstänker att en kollega tar emot pengar från en leverantör. Vad bör du göra? "
            "Välj alla som stämmer."
        ),
        "explanation": (
            "Vid misstänkt korruption ska du inte konfrontera eller utreda själv, eftersom en "
            "intern granskning inte får försvåra polisens arbete. Dokumentera och rapportera "
            "till chefen eller, om det behövs, till visselblåsarfunktionen."
        ),
        "options": [
            {
                "text": "Dokumentera det du har sett.",
                "correct": True,
                "feedback": "Rätt. Skriv ner vad, när och var, så konkret som möjligt.",
            },
            {
                "text": "Rapportera till din chef.",
                "correct": True,
                "feedback": "Rätt. Chefen är normalt den första du ska vända dig till.",
            },
            {
                "text": "Använda visselblåsarfunktionen om chefen är inblandad.",
                "correct": True,
                "feedback": "Rätt. Visselblåsarlagen (2021:890) skyddar dig mot repressalier.",
            },
            {
                "text": "Konfrontera kollegan för att höra hens version.",
                "correct": False,
                "feedback": (
                    "Fel. Konfrontera inte. Det kan förstöra bevis och försvåra en polisutredning."
                ),
            },
            {
                "text": "Gå igenom kollegans ärenden på egen hand för att hitta bevis.",
                "correct": False,
                "feedback": (
                    "Fel. Utred inte själv. En intern granskning får inte försvåra polisens arbete."
                ),
            },
        ],
    },
]


REKRYTERINGSKONTROLLER = [
    {
        "type": "single_choice",
        "situation": "",
        "question": (
            "Får du kräva utdrag ur belastningsregistret av alla sökande till en "
            "administratörstjänst?"
        ),
        "explanation": (
            "Kommunen har ingen allmän rätt att kräva registerutdrag. Uppgifter om brott får "
            "bara behandlas med stöd i lag (GDPR artikel 10), vilket JO:s kritik mot Södertälje "
            "kommun visar."
        ),
        "options": [
            {
                "text": "Nej, bara när det finns stöd i lag.",
                "correct": True,
                "feedback": (
                    "Rätt. En administratörstjänst omfattas normalt inte av lagarna om "
                    "registerkontroll."
                ),
            },
            {
                "text": "Ja, om den sökande samtycker.",
                "correct": False,
                "feedback": (
                    "Fel. Samtycke är sällan en giltig rättslig grund i en "
                    "anställningssituation och ersätter inte lagstöd."
                ),
            },
            {
                "text": "Ja, om alla sökande behandlas lika.",
                "correct": False,
                "feedback": (
                    "Fel. Likabehandling ersätter inte kravet på stöd i lag för att behandla "
                    "uppgifter om brott."
                ),
            },
            {
                "text": "Ja, men bara av den som får ett erbjudande om anställning.",
                "correct": False,
                "feedback": (
                    "Fel. Utan lagstöd får du inte kräva utdrag, inte heller i slutet av "
                    "rekryteringen."
                ),
            },
        ],
    },
    {
        "type": "single_choice",
        "situation": "",
        "question": "Du har fått se ett utdrag enligt lagen (2013:852). Vad får du spara?",
        "explanation": (
            "Enligt lagen (2013:852) om registerkontroll av personer som ska arbeta med barn, "
            "5 §, får arbetsgivaren bara anteckna att utdraget har visats upp."
        ),
        "options": [
            {
                "text": "Bara en anteckning om att utdraget har visats upp.",
                "correct": True,
                "feedback": "Rätt. Själva utdraget lämnas tillbaka.",
            },
            {
                "text": "En kopia av utdraget i personakten.",
                "correct": False,
                "feedback": "Fel. Du får inte spara en kopia, bara anteckna att det har visats.",
            },
            {
                "text": "En inskannad kopia, så länge den förvaras säkert.",
                "correct": False,
                "feedback": (
                    "Fel. Säker förvaring ändrar inget. Du får bara anteckna att utdraget har "
                    "visats."
                ),
            },
            {
                "text": "Originalet tills provanställningen är slut.",
                "correct": False,
                "feedback": "Fel. Du får inte behålla utdraget, varken i original eller kopia.",
            },
        ],
    },
    {
        "type": "scenario",
        "situation": (
            "En sökande till en tjänst som socialsekreterare har angett två referenser. När du "
            "ringer den ena verkar hon osäker på vad den sökande gjorde på arbetsplatsen. Du får "
            "intrycket att de är vänner privat."
        ),
        "question": "Hur går du vidare?",
        "explanation": (
            "Falska referenser förekommer. Kontrollera referenserna självständigt, till exempel "
            "via organisationens växel, och be om nya referenser innan du drar några "
            "slutsatser."
        ),
        "options": [
            {
                "text": (
                    "Kontrollerar referenserna självständigt, till exempel via arbetsplatsens "
                    "växel, och ber om nya referenser."
                ),
                "correct": True,
                "feedback": (
                    "Rätt. Se det som en varningssignal, men kontrollera innan du drar slutsatser."
                ),
            },
            {
                "text": "Går vidare som vanligt, eftersom referenser ofta känner den sökande.",
                "correct": False,
                "feedback": (
                    "Fel. En referens som inte kan beskriva arbetet är en varningssignal som "
                    "behöver kontrolleras."
                ),
            },
            {
                "text": "Avbryter rekryteringen direkt och polisanmäler den sökande.",
                "correct": False,
                "feedback": (
                    "Fel. Det är för tidigt att dra slutsatser. Kontrollera först uppgifterna "
                    "på egen hand."
                ),
            },
            {
                "text": "Ber den sökande intyga skriftligt att referensen är äkta.",
                "correct": False,
                "feedback": (
                    "Fel. Ett intyg från den sökande själv kontrollerar ingenting. Kontrollera "
                    "referensen självständigt."
                ),
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": (
            "Från den 1 mars 2026 omfattar registerkontrollen vid arbete i hemmet hos äldre, "
            "till exempel i hemtjänsten, också misstankeregistret."
        ),
        "explanation": (
            "Från den 1 mars 2026 gäller kontroll av både belastnings- och misstankeregistret "
            "vid arbete i hemmet hos äldre och personer med funktionsnedsättning, hos både "
            "kommunala och privata utförare (Ds 2024:24)."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": True,
                "feedback": (
                    "Rätt. Både belastnings- och misstankeregistret omfattas från den 1 mars 2026."
                ),
            },
            {
                "text": "Falskt",
                "correct": False,
                "feedback": (
                    "Fel. De nya reglerna från den 1 mars 2026 omfattar båda registren vid "
                    "arbete i någons hem."
                ),
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": "Vilka kontroller får du göra som rekryterande chef? Välj alla som stämmer.",
        "explanation": (
            "Du får kontrollera identitet, rätt att arbeta, examensbevis och referenser. Du får "
            "inte föra egna register över brott eller låta ett företag söka efter brott utan "
            "stöd i lag (GDPR artikel 10)."
        ),
        "options": [
            {
                "text": "Kontrollera identitet och rätt att arbeta i Sverige.",
                "correct": True,
                "feedback": "Rätt. Det är grundläggande kontroller som du får göra.",
            },
            {
                "text": "Kontrollera examensbevis med den som har utfärdat dem.",
                "correct": True,
                "feedback": "Rätt. Kontrollera direkt med lärosätet eller utfärdaren.",
            },
            {
                "text": "Ta referenser och kontrollera att de är äkta.",
                "correct": True,
                "feedback": "Rätt. Falska referenser förekommer, så kontrollera dem.",
            },
            {
                "text": "Låta ett företag söka efter den sökande i domstolsregister.",
                "correct": False,
                "feedback": (
                    "Fel. Utan lagstöd är det inte tillåtet. JO riktade allvarlig kritik mot "
                    "Södertälje kommun för ett liknande upplägg."
                ),
            },
            {
                "text": "Föra en egen förteckning över sökandes tidigare brott.",
                "correct": False,
                "feedback": "Fel. Arbetsgivaren får inte föra ett eget register över brott.",
            },
        ],
    },
    {
        "type": "scenario",
        "situation": (
            "Kommunledningen vill att ett externt företag varje kvartal ska kontrollera alla "
            "anställda i domstolars och myndigheters register. Sökningen görs på personnummer, "
            "utan att de anställda tillfrågas. Syftet är att upptäcka kriminella kopplingar."
        ),
        "question": "Vad visar JO:s granskning av Södertälje kommun om ett sådant upplägg?",
        "explanation": (
            "JO riktade allvarlig kritik mot Södertälje kommun för ett sådant upplägg: det "
            "saknade stöd i lag och stred mot integritetsskyddet i regeringsformen och rätten "
            "till privatliv i Europakonventionen."
        ),
        "options": [
            {
                "text": (
                    "Det saknar stöd i lag och kränker de anställdas integritet. JO riktade "
                    "allvarlig kritik mot ett liknande upplägg."
                ),
                "correct": True,
                "feedback": (
                    "Rätt. Goda avsikter ersätter inte lagstöd. Kontrollerna i Södertälje pausades."
                ),
            },
            {
                "text": "Det är tillåtet, eftersom syftet är att motverka brottslighet.",
                "correct": False,
                "feedback": (
                    "Fel. Ett gott syfte räcker inte. Uppgifter om brott får bara behandlas med "
                    "stöd i lag."
                ),
            },
            {
                "text": "Det är tillåtet om kontrollerna dokumenteras noggrant.",
                "correct": False,
                "feedback": (
                    "Fel. Dokumentation löser inte grundproblemet, som är att lagstöd saknas."
                ),
            },
            {
                "text": "Det är tillåtet om de anställda får information i efterhand.",
                "correct": False,
                "feedback": "Fel. Information i efterhand ger inte det lagstöd som saknas.",
            },
        ],
    },
    {
        "type": "multiple_choice",
        "situation": "",
        "question": "Vilka av följande registerkontroller har stöd i lag? Välj alla som stämmer.",
        "explanation": (
            "Lagen (2007:171) gäller HVB och stödboenden för barn, lagen (2010:479) gäller "
            "insatser enligt LSS till barn och skollagen gäller de flesta skolformer. Det finns "
            "ingen allmän rätt att kräva utdrag för alla kommunala tjänster."
        ),
        "options": [
            {
                "text": (
                    "HVB för barn: utdrag ur belastnings- och misstankeregistret, högst sex "
                    "månader gammalt."
                ),
                "correct": True,
                "feedback": "Rätt. Det följer av lagen (2007:171).",
            },
            {
                "text": (
                    "Insatser enligt LSS till barn: utdrag ur belastningsregistret, högst ett "
                    "år gammalt."
                ),
                "correct": True,
                "feedback": "Rätt. Det följer av lagen (2010:479).",
            },
            {
                "text": "Skolan: utdrag ur belastningsregistret.",
                "correct": True,
                "feedback": "Rätt. Skollagen kräver det i de flesta skolformer.",
            },
            {
                "text": "Alla tjänster i kommunen: utdrag ur belastningsregistret.",
                "correct": False,
                "feedback": "Fel. Kommunen har ingen allmän rätt att kräva registerutdrag.",
            },
            {
                "text": "Administratörer i socialtjänsten: utdrag ur misstankeregistret.",
                "correct": False,
                "feedback": "Fel. Det finns inget sådant lagstöd för administrativa tjänster.",
            },
        ],
    },
    {
        "type": "true_false",
        "situation": "",
        "question": (
            "Ett utdrag ur belastningsregistret utan anteckningar är en garanti för att "
            "personen är lämplig för tjänsten."
        ),
        "explanation": (
            "Ett utdrag utan anteckningar är ingen garanti. Därför behövs också andra "
            "kontroller, som noggranna referenser och kontroll av examensbevis."
        ),
        "options": [
            {
                "text": "Sant",
                "correct": False,
                "feedback": (
                    "Fel. Ett rent utdrag visar bara att det inte finns några registrerade "
                    "uppgifter."
                ),
            },
            {
                "text": "Falskt",
                "correct": True,
                "feedback": "Rätt. Registerutdraget är en kontroll bland flera, inte en garanti.",
            },
        ],
    },
]


QUESTIONS = {
    "introduktion": INTRODUKTION,
    "hot-och-vald": HOT_OCH_VALD,
    "jav": JAV,
    "korruption-och-mutor": KORRUPTION_OCH_MUTOR,
    "rekryteringskontroller": REKRYTERINGSKONTROLLER,
}
