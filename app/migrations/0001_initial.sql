-- Reference data, the directory and the calendar.
-- Times are UTC text in the fixed form YYYY-MM-DDTHH:MM:SSZ, so that text order is time order.

CREATE TABLE sectors (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    label_et TEXT NOT NULL,
    label_ru TEXT NOT NULL,
    label_en TEXT NOT NULL
) STRICT;

INSERT INTO sectors (code, position, label_et, label_ru, label_en) VALUES
    ('architecture', 1, 'Arhitektuur', 'Архитектура', 'Architecture'),
    ('film', 2, 'Film, video, tele ja raadio', 'Кино, видео, телевидение и радио', 'Film, video, TV and radio'),
    ('design', 3, 'Disain', 'Дизайн', 'Design'),
    ('performing-arts', 4, 'Etenduskunstid', 'Исполнительские искусства', 'Performing arts'),
    ('publishing', 5, 'Kirjastamine', 'Издательское дело', 'Publishing'),
    ('heritage-crafts', 6, 'Kultuuripärand ja käsitöö', 'Культурное наследие и ремёсла', 'Cultural heritage and crafts'),
    ('visual-art', 7, 'Kunst', 'Изобразительное искусство', 'Visual art'),
    ('music', 8, 'Muusika', 'Музыка', 'Music'),
    ('advertising', 9, 'Reklaam', 'Реклама', 'Advertising'),
    ('games', 10, 'Mängud ja meelelahutustarkvara', 'Игры и развлекательное ПО', 'Games and entertainment software'),
    ('creative-education', 11, 'Loovharidus', 'Творческое образование', 'Creative education'),
    ('events-festivals', 12, 'Sündmused ja festivalid', 'Мероприятия и фестивали', 'Events and festivals');

-- The eight municipalities of Ida-Viru County, then the other counties of Estonia.
CREATE TABLE municipalities (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    in_ida_viru INTEGER NOT NULL CHECK (in_ida_viru IN (0, 1)),
    name_et TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL
) STRICT;

INSERT INTO municipalities (code, position, in_ida_viru, name_et, name_ru, name_en) VALUES
    ('alutaguse', 1, 1, 'Alutaguse vald', 'волость Алутагузе', 'Alutaguse Parish'),
    ('johvi', 2, 1, 'Jõhvi vald', 'волость Йыхви', 'Jõhvi Parish'),
    ('kohtla-jarve', 3, 1, 'Kohtla-Järve linn', 'Кохтла-Ярве', 'Kohtla-Järve'),
    ('luganuse', 4, 1, 'Lüganuse vald', 'волость Люганузе', 'Lüganuse Parish'),
    ('narva', 5, 1, 'Narva linn', 'Нарва', 'Narva'),
    ('narva-joesuu', 6, 1, 'Narva-Jõesuu linn', 'Нарва-Йыэсуу', 'Narva-Jõesuu'),
    ('sillamae', 7, 1, 'Sillamäe linn', 'Силламяэ', 'Sillamäe'),
    ('toila', 8, 1, 'Toila vald', 'волость Тойла', 'Toila Parish'),
    ('harju', 9, 0, 'Harju maakond', 'Харьюмаа', 'Harju County'),
    ('hiiu', 10, 0, 'Hiiu maakond', 'Хийумаа', 'Hiiu County'),
    ('jogeva', 11, 0, 'Jõgeva maakond', 'Йыгевамаа', 'Jõgeva County'),
    ('jarva', 12, 0, 'Järva maakond', 'Ярвамаа', 'Järva County'),
    ('laane', 13, 0, 'Lääne maakond', 'Ляэнемаа', 'Lääne County'),
    ('laane-viru', 14, 0, 'Lääne-Viru maakond', 'Ляэне-Вирумаа', 'Lääne-Viru County'),
    ('polva', 15, 0, 'Põlva maakond', 'Пылвамаа', 'Põlva County'),
    ('parnu', 16, 0, 'Pärnu maakond', 'Пярнумаа', 'Pärnu County'),
    ('rapla', 17, 0, 'Rapla maakond', 'Рапламаа', 'Rapla County'),
    ('saare', 18, 0, 'Saare maakond', 'Сааремаа', 'Saare County'),
    ('tartu', 19, 0, 'Tartu maakond', 'Тартумаа', 'Tartu County'),
    ('valga', 20, 0, 'Valga maakond', 'Валгамаа', 'Valga County'),
    ('viljandi', 21, 0, 'Viljandi maakond', 'Вильяндимаа', 'Viljandi County'),
    ('voru', 22, 0, 'Võru maakond', 'Вырумаа', 'Võru County');

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('company', 'non-profit', 'public-institution', 'sole-trader', 'freelancer', 'other')),
    municipality_code TEXT NOT NULL REFERENCES municipalities (code),
    description_et TEXT,
    description_ru TEXT,
    description_en TEXT,
    services_et TEXT,
    services_ru TEXT,
    services_en TEXT,
    website TEXT,
    email TEXT,
    phone TEXT,
    registry_code TEXT UNIQUE CHECK (registry_code IS NULL OR (length(registry_code) = 8 AND registry_code NOT GLOB '*[^0-9]*')),
    founded_year INTEGER CHECK (founded_year IS NULL OR founded_year BETWEEN 1800 AND 2100),
    is_member INTEGER NOT NULL DEFAULT 0 CHECK (is_member IN (0, 1)),
    is_published INTEGER NOT NULL DEFAULT 1 CHECK (is_published IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX organisations_by_municipality ON organisations (municipality_code);

CREATE TABLE organisation_sectors (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    sector_code TEXT NOT NULL REFERENCES sectors (code),
    PRIMARY KEY (organisation_id, sector_code)
) STRICT, WITHOUT ROWID;

CREATE INDEX organisation_sectors_by_sector ON organisation_sectors (sector_code);

-- ISO 639 codes of the languages an entry serves in.
CREATE TABLE organisation_languages (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    language TEXT NOT NULL CHECK (length(language) IN (2, 3) AND language NOT GLOB '*[^a-z]*'),
    PRIMARY KEY (organisation_id, language)
) STRICT, WITHOUT ROWID;

CREATE TABLE event_types (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    label_et TEXT NOT NULL,
    label_ru TEXT NOT NULL,
    label_en TEXT NOT NULL
) STRICT;

INSERT INTO event_types (code, position, label_et, label_ru, label_en) VALUES
    ('network-meeting', 1, 'Võrgustiku kohtumine', 'Встреча сети', 'Network meeting'),
    ('engagement-meeting', 2, 'Kaasamiskoosolek', 'Собрание по вовлечению', 'Engagement meeting'),
    ('training', 3, 'Koolitus', 'Обучение', 'Training'),
    ('fair', 4, 'Laat või festival', 'Ярмарка или фестиваль', 'Fair or festival'),
    ('counselling', 5, 'Nõustamine', 'Консультация', 'Counselling'),
    ('other', 6, 'Muu', 'Другое', 'Other');

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
    type_code TEXT NOT NULL REFERENCES event_types (code),
    title_et TEXT,
    title_ru TEXT,
    title_en TEXT,
    description_et TEXT,
    description_ru TEXT,
    description_en TEXT,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    time_zone TEXT NOT NULL DEFAULT 'Europe/Tallinn',
    all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    venue TEXT,
    address TEXT,
    municipality_code TEXT REFERENCES municipalities (code),
    online_url TEXT,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (ends_at >= starts_at),
    CHECK (coalesce(title_et, title_ru, title_en) IS NOT NULL)
) STRICT;

CREATE INDEX events_by_start ON events (starts_at);
