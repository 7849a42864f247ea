use super::*;

pub const TEXTS: Texts = Texts {
    site_name: "Ida-Viru Creative Cluster",
    site_description: "The Ida-Viru Creative Cluster brings together the creative entrepreneurs, organisations and makers of Ida-Viru County, Estonia: a shared directory, events and a network for cooperation.",
    skip_to_content: "Skip to content",
    main_navigation: "Main navigation",
    nav_home: "Home",
    nav_directory: "Directory",
    nav_events: "Events",
    nav_about: "About",
    language_switcher: "Language",
    shown_in: PerLang {
        et: "shown in Estonian",
        ru: "shown in Russian",
        en: "shown in English",
    },
    footer_contact: "Contact",
    coordinator_role: "Coordinator of the Ida-Viru Creative Cluster",
    foundation_name: "SA Ida-Viru Ettevõtluskeskus (Ida-Viru Enterprise Centre)",
    footer_note: "The Ida-Viru Creative Cluster is coordinated by SA Ida-Viru Ettevõtluskeskus. The cluster's partner is the Ministry of Culture.",

    home: HomeTexts {
        title: "Creative business in Ida-Viru County",
        lead: "The Ida-Viru Creative Cluster is a cooperation network founded in 2021. It brings together the region's creative companies, organisations and makers.",
        intro: "Find a partner in the directory, join our network meetings and trainings, and help shape the future of creative business in the county.",
        directory_link: "Search the directory",
        events_link: "See the events",
        about_link: "About the cluster",
        figures_heading: "The cluster in figures",
        organisations_count: "Organisations in the directory",
        members_count: "Of them cluster members",
        municipalities_count: "Municipalities and counties",
        upcoming_count: "Upcoming events",
        upcoming_heading: "Next events",
        no_upcoming: "No upcoming events are planned right now.",
        online: "online",
        cancelled: "Cancelled",
    },

    about: AboutTexts {
        title: "About us",
        description: "What the Ida-Viru Creative Cluster is: a cooperation network, its goals and activities.",
        what_heading: "What is the Ida-Viru Creative Cluster?",
        what: &[
            "The Ida-Viru Creative Cluster is a cooperation network founded in the autumn of 2021. It brings together the region's creative companies, organisations and makers in order to advance creative entrepreneurship in post-industrial Ida-Viru County and give new momentum to its cultural and economic life.",
            "The regional cluster invigorates small business in the county: it diversifies working skills, offers fresh business ideas and encourages the creation of future products and services, and with them new jobs, bringing new talent and know-how to the region. The cluster's work makes the living environment more diverse and encourages all of Estonia, and neighbouring countries too, to see the region in a new light. We also contribute to the activities of the just transition and to Narva's candidacy for the European Capital of Culture 2036 programme.",
            "The Ida-Viru Creative Cluster brings together the regional creative organisations, local governments and companies active in the field. It coordinates the setting of shared goals, collective representation, advocacy, cooperation with national development centres and the commissioning of sector studies. The cluster offers business counselling, trainings and engagement events; it is an incubator and a cooperation network for entrepreneurs starting out in the creative field, raises awareness, and brings know-how from elsewhere in Estonia to Ida-Viru County. Together with sector partners and umbrella organisations, the cluster's members also draw up the county's development plan for creative business.",
        ],
        support: "The Ida-Viru Creative Cluster was launched and initiated by SA Ida-Viru Ettevõtluskeskus (IVEK) together with the company Shiftworks OÜ. The cluster's activities have been supported by the Ministry of Finance under the regional development measure for diversifying business and people's working skills in Ida-Viru County. Creative economy activities have also been supported by the following programmes:",
        support_programmes: &[
            "The project “Launching the Ida-Viru Creative Cluster” (ER227) is co-financed by the European Union under the Neighbourhood Instrument.",
            "The British Council's support for organising the “Ida-Viru Culture Fair”.",
        ],
        coordination: "Today the Ida-Viru Creative Cluster is coordinated by SA Ida-Viru Ettevõtluskeskus. The cluster's partner is the Ministry of Culture.",
        goals_heading: "Goals and activities",
        goals: &[
            "Bringing the region's organisations and companies together in a cross-sector cooperation network",
            "Building a partner network of the region's creative entrepreneurs and a shared database of creative entrepreneurs and organisations active in the county and across Estonia",
            "Organising network meetings and engagement meetings to share experience and good practice and to gather input for the county's development plan for creative business",
            "Raising awareness of the creative economy among creative people and companies, in other sectors of the economy and among the public, through media coverage, marketing and professional trainings",
            "Giving Ida-Viru creative entrepreneurs better access to new sources of funding by raising members' awareness of public and private funding opportunities through trainings, counselling and a regular newsletter",
        ],
        strategy_heading: "Strategy of the Ida-Viru Creative Cluster 2023–2028",
        strategy: &[
            "Developing the creative economy through a cluster makes it possible to involve many partners and to use their know-how and resources to reach shared goals.",
            "The Ida-Viru Creative Cluster is a new initiative in the county that substantially supports the diversification of the region's economy and the development of its living environment. The sector offers room for a great variety of activities, and the sector-based Ida-Viru Creative Cluster was created to develop it.",
        ],
        contact_heading: "Contact",
    },

    coming_soon: ComingSoonTexts {
        directory_title: "Directory of creative businesses",
        directory_text: "A shared directory of the creative entrepreneurs and organisations of Ida-Viru County and all of Estonia is being built. Until then, the cluster coordinator can put you in touch.",
        events_title: "Event calendar",
        events_text: "The calendar of network meetings, trainings and fairs is being built. The next events are listed on the home page.",
    },

    errors: ErrorTexts {
        not_found_title: "Page not found",
        not_found_text: "There is no such page. The link may be out of date, or the address may contain a typo.",
        server_error_title: "Something went wrong",
        server_error_text: "An error on the server kept this page from being shown. Please try again in a little while.",
        back_home: "Back to the home page",
    },
};
