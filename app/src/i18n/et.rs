use super::*;

pub const TEXTS: Texts = Texts {
    site_name: "Ida-Viru Loomeklaster",
    site_description: "Ida-Viru Loomeklaster koondab Ida-Virumaa loomeettevõtjad, organisatsioonid ja tegijad: ühine andmebaas, üritused ja koostöövõrgustik.",
    skip_to_content: "Liigu sisu juurde",
    main_navigation: "Peamenüü",
    nav_home: "Avaleht",
    nav_directory: "Andmebaas",
    nav_events: "Üritused",
    nav_about: "Meist",
    language_switcher: "Keel",
    shown_in: PerLang {
        et: "kuvatud eesti keeles",
        ru: "kuvatud vene keeles",
        en: "kuvatud inglise keeles",
    },
    footer_contact: "Kontakt",
    coordinator_role: "Ida-Viru Loomeklastri koordinaator",
    foundation_name: "SA Ida-Viru Ettevõtluskeskus",
    footer_note: "Ida-Viru Loomeklastri tegevust koordineerib SA Ida-Viru Ettevõtluskeskus. Klastri partner on Kultuuriministeerium.",

    home: HomeTexts {
        title: "Loomeettevõtlus Ida-Virumaal",
        lead: "Ida-Viru Loomeklaster on 2021. aastal asutatud koostöövõrgustik, mis koondab piirkonna loomevaldkonna ettevõtted, organisatsioonid ja tegijad.",
        intro: "Leia andmebaasist partner, tule võrgustiku kohtumistele ja koolitustele ning aita kujundada maakonna loomeettevõtluse tulevikku.",
        directory_link: "Otsi andmebaasist",
        events_link: "Vaata üritusi",
        about_link: "Loe klastri kohta",
        figures_heading: "Klaster arvudes",
        organisations_count: "Organisatsioone andmebaasis",
        members_count: "Neist klastri liikmeid",
        municipalities_count: "Omavalitsusi ja maakondi",
        upcoming_count: "Tulevasi üritusi",
        upcoming_heading: "Järgmised üritused",
        no_upcoming: "Praegu ei ole tulevasi üritusi kavas.",
        online: "veebis",
        cancelled: "Ära jäetud",
    },

    about: AboutTexts {
        title: "Meist",
        description: "Mis on Ida-Viru Loomeklaster: koostöövõrgustik, eesmärgid ja tegevused.",
        what_heading: "Mis on Ida-Viru Loomeklaster?",
        what: &[
            "Ida-Viru Loomeklaster on 2021. aasta sügisel asutatud koostöövõrgustik, mis koondab piirkonna loomevaldkonna ettevõtted, organisatsioonid ja tegijad eesmärgiga edendada tööstusjärgses Ida-Viru piirkonnas loomeettevõtlust, et anda tõuge kultuuri- ja majanduselu hoogustamiseks.",
            "Piirkondlik klaster hoogustab maakonna väikeettevõtlust, mitmekesistades tööalaseid oskusi, pakkudes värskeid äriideid ning soodustades tulevikutoodete või -teenuste ja seeläbi uute töökohtade teket, tuues piirkonda uut talenti ja oskusteavet. Klastri tegevus mitmekesistab elukeskkonda ning julgustab kogu Eestit, aga ka naaberriike piirkonda uues valguses nägema. Me panustame ka õiglase üleminekuga seotud tegevustesse ning Narva kandidatuuri esitamisel Euroopa kultuuripealinn 2036 programmi.",
            "Ida-Viru Loomeklaster koondab valdkonnas tegutsevad piirkondlikud loomeorganisatsioonid, kohalikud omavalitsused ja ettevõtted, koordineerib ühiste eesmärkide püstitust, kollektiivset esindatust, huvide kaitset, koostöid üleriigiliste arenduskeskustega ning valdkondlike uuringute tellimist. Klaster pakub ettevõtlusalast nõustamist, koolitusi ja kaasamisüritusi, olles inkubaatoriks ja koostöövõrgustikuks loomevaldkonnas tegevust alustavatele ettevõtjatele, teadlikkuse tõstmist ning mujal Eestis olemasoleva oskusteabe Ida-Virumaale toomist. Klastri liikmed koos valdkondlike partnerite ja katusorganisatsioonidega tegelevad ka maakonna loomeettevõtluse arengukava koostamisega.",
        ],
        support: "Ida-Viru Loomeklastri käivitajateks ja algatajateks olid SA Ida-Viru Ettevõtluskeskus (IVEK) koostöös ettevõttega Shiftworks OÜ. Klastri tegevusi on toetanud Rahandusministeerium regionaalarengu toetusmeetme Ida-Viru maakonna ettevõtluse ning inimeste tööalaste oskuste mitmekesistamise toetuse raames. Veel on loomemajanduse tegevuste elluviimist toetatud järgmistest programmidest:",
        support_programmes: &[
            "Projekti „Ida-Viru loomeklastri käivitamine” (ER227) kaasrahastab Euroopa Liit naabrusinstrumendi raames.",
            "Briti Nõukogu „Ida-Viru Kultuurilaada” korraldamine.",
        ],
        coordination: "Täna koordineerib Ida-Viru Loomeklastri tegevust SA Ida-Viru Ettevõtluskeskus. Klastri partner on Kultuuriministeerium.",
        goals_heading: "Eesmärgid ja tegevused",
        goals: &[
            "Piirkonna organisatsioonide ja ettevõtete koondamine valdkondadeülesesse koostöövõrgustikku",
            "Piirkonna loomeettevõtjate partnervõrgustiku koondamine ja ühise andmebaasi loomine nii maakonnas kui ka üle Eesti tegutsevatest loomeettevõtjatest ja organisatsioonidest",
            "Võrgustiku kohtumiste ja kaasamiskoosolekute korraldamine, eesmärgiga jagada kogemusi ja parimaid praktikaid ning koguda infot maakonna loomeettevõtluse arengukava jaoks",
            "Loomemajanduse alase teadlikkuse tõstmine nii loomeinimeste ja -ettevõtete hulgas kui ka teistes majandussektorites ning avalikkuses läbi meediakajastuse, turunduse ja erialaste koolituste",
            "Ida-Viru loomeettevõtjatele parema ligipääsu loomine uutele rahastusallikatele, tõstes liikmete teadlikkust rahastusvõimalustest nii avalikus kui ka erasektoris läbi vastavate koolituste, nõustamiste ja regulaarse teavituskirja",
        ],
        strategy_heading: "Ida-Viru loomemajandusklastri strateegia 2023–2028",
        strategy: &[
            "Klastripõhine loomemajandussektori arendamine võimaldab hästi kaasata erinevaid partnereid, kasutada nende oskusteavet ja ressursse ühiste eesmärkide saavutamiseks.",
            "Ida-Viru Loomeklaster on maakonnas uus algatus, mis toetab olulisel määral piirkonna majanduse mitmekesistamist ning elukeskkonna arengut. Sektor pakub võimalusi väga mitmekesisteks tegevusteks ning selle arendamiseks saigi loodud sektoripõhine Ida-Viru Loomeklaster.",
        ],
        contact_heading: "Kontakt",
    },

    coming_soon: ComingSoonTexts {
        directory_title: "Loomeettevõtjate andmebaas",
        directory_text: "Ühine andmebaas Ida-Virumaa ja kogu Eesti loomeettevõtjatest ja organisatsioonidest on valmimas. Seniks leiad kontaktid klastri koordinaatori kaudu.",
        events_title: "Ürituste kalender",
        events_text: "Võrgustiku kohtumiste, koolituste ja laatade kalender on valmimas. Järgmised üritused leiad avalehelt.",
    },

    errors: ErrorTexts {
        not_found_title: "Lehte ei leitud",
        not_found_text: "Sellist lehte ei ole. Võib-olla on link vananenud või aadressis on trükiviga.",
        server_error_title: "Midagi läks valesti",
        server_error_text: "Serveris tekkis viga ja lehte ei saanud näidata. Palun proovi mõne aja pärast uuesti.",
        back_home: "Tagasi avalehele",
    },
};
