"""Word lists for realistic Dutch test data: names, places, companies, circles, notes.

Kept apart from the generator so the lists (which are long) do not hide its logic. The lists
are fixed: the same seed gives the same database on every machine.
"""

# ruff: noqa: SIM905  (word lists read best as whitespace-separated text)

from __future__ import annotations

FIRST_NAMES = """
Jan Piet Klaas Kees Henk Gerrit Willem Johan Hans Peter Pieter Dirk Joost Bram Daan Sem Lucas
Levi Finn Milan Thijs Jesse Ruben Lars Stijn Tim Tom Bas Niels Jeroen Maarten Sander Wouter
Rutger Bart Erik Frank Marco Martijn Michiel Rob Roel Ruud Sjoerd Teun Wim Arjen Arie Bert Coen
Cor Evert Floris Gijs Hendrik Hidde Jelle Jochem Koen Luuk Mees Noud Olaf Quinten Reinier Siebe
Stefan Thomas Twan Vincent Wessel Youri Zeger Anna Emma Julia Sophie Lotte Fleur Sanne Lisa Eva
Iris Femke Anouk Noor Tess Sara Mila Zoë Liv Nina Roos Maud Isa Jasmijn Lieke Marieke Annemieke
Ingrid Marloes Mirjam Petra Saskia Wilma Yvonne Els Ans Truus Greet Ria Karin Monique Esther
Hanneke Judith Linda Manon Nienke Renske Sietske Wieteke Willemijn Floor Merel Ilse Kim Joyce
Bianca Chantal Daphne Evelien Gerda Heleen Inge Janneke Jolien Kirsten Lonneke Maaike Nathalie
Ozlem Fatima Mohammed Ahmed Yusuf Aylin Priya Raj Chen Mei Sven Jurre Hugo Mats Kaj Ties Cas
Boaz Mick Jip Jet Fenna Loes Pien Fay Yara Lynn Elin Benthe Elise Hannah Nova Saar Amber Vera
""".split()

SURNAMES = """
de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit Meijer de_Boer Mulder
de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker Brouwer de_Wit Dijkstra Smits de_Graaf
van_der_Meer van_der_Linden Kok Jacobs de_Haan Vermeulen van_den_Heuvel van_der_Veen van_den_Broek
de_Bruijn de_Bruin van_der_Heijden Schouten van_Beek Willems van_Vliet van_de_Ven Hoekstra
Maas Verhoeven Koster van_Dam van_der_Wal Prins Blom Huisman Peeters de_Jonge Kuipers van_Wijk
Post Kuiper Veenstra Kramer van_den_Brink Scholten van_Wijngaarden Martens Vink de_Ruiter Timmermans
Groen Gerritsen Jonker van_Loon Boer van_der_Velde Willemsen Smeets de_Lange de_Vos Bosch van_Dongen
Schipper de_Koning van_der_Laan Koning van_der_Velden Driessen van_Doorn Hermans Evers van_den_Bosch
van_der_Meulen Hofman Bosman Wolters Sanders van_der_Horst Mol Kuijpers Molenaar van_de_Pol de_Leeuw
Verbeek Claassen Lammers Wijnen Goossens Brink Sluiter Zwart Eijkelenboom Hoogendoorn Ooms Rutten
Nijhuis Bouwman Postma Verbruggen Kroon Stam Verschuren Roos Terpstra Wouters Bijl Wubs Haverkamp
Oosterhuis Spijkerman Lubbers Koopman Mertens Stoffels Rijnders Wagenaar Meulenbelt Zijlstra
Tuinman Veldhuis Bruggeman Geerts Aarts Damen Rademaker Baas Langeveld van_Rijn van_Os Fokkema
Greving Harms Jaspers Kolk Leenders Nauta Overbeek Pol Reinders Siemons Tromp Uiterwijk Valk
Westra Yilmaz Kaya Demir El_Amrani Bouzid Chaudhry Nguyen Wang Öztürk Çelik Müller Schmidt Mertens
""".split()

CITIES = """
Amsterdam Rotterdam Utrecht Den_Haag Eindhoven Groningen Tilburg Almere Breda Nijmegen Arnhem
Haarlem Enschede Amersfoort Apeldoorn Zwolle Leiden Maastricht Dordrecht Delft Alkmaar Deventer
Leeuwarden Den_Bosch Hilversum Gouda Zaandam Assen Middelburg Wageningen
""".split()

COMPANIES = """
Philips ASML ING Rabobank ABN_AMRO KPN Shell Unilever Heineken Booking.com Adyen bol.com
Coolblue Exact TomTom Randstad Ahold_Delhaize NS Gemeente_Utrecht UMC_Utrecht TU_Delft
Universiteit_Leiden Deloitte KPMG PwC Accenture Van_Oord Boskalis DSM Achmea Aegon
Nationale-Nederlanden Eneco Vattenfall PostNL Albert_Heijn Jumbo Picnic Mollie Elastic
MessageBird Bunq Ordina Centric
""".split()

ROLES = """
directeur eigenaar consultant ontwikkelaar projectleider accountmanager recruiter advocaat
notaris huisarts docent onderzoeker ondernemer HR-adviseur marketeer controller architect
designer productmanager verpleegkundige makelaar financieel_adviseur coach journalist
""".split()

EXPERTISE = """
Python data-analyse fiscaal_recht arbeidsrecht vastgoed subsidies export_naar_Duitsland
marketing_automation kinderopvang duurzaam_bouwen AI logistiek fondsenwerving webshops
zorginnovatie payroll cybersecurity e-commerce SEO fotografie coaching onderwijs
""".split()

# (name, default cadence in days or None)
CIRCLES: list[tuple[str, int | None]] = [
    ("Familie", 14),
    ("Vrienden", 30),
    ("Hockeyclub Kampong", 60),
    ("BNI Utrecht", 30),
    ("Oud-collega's Philips", 180),
    ("Studievrienden Delft", 90),
    ("Buren", 60),
    ("Ondernemersvereniging", 90),
    ("LinkedIn", None),
    ("Klanten", 45),
    ("Mentoren", 60),
    ("Koor", None),
    ("Ouders van school", None),
    ("Rotary", 90),
]

NICKNAMES = """
Pietje Klaasje Jantje Hansie Dikkie Bram-bo Wimpie Kiki Lotje Fleurtje Saar Nono Tessie Mimi
""".split()

NOTES = [
    "Koffie gedaan bij de Bagels & Beans, had het over zijn nieuwe baan.",
    "Lunch, vertelde over verhuizing naar Utrecht.",
    "Belde over een klus; stuur haar de offerte.",
    "Borrel na de BNI-ochtend.",
    "Verjaardag gefeliciteerd.",
    "Wandeling in het Amsterdamse Bos; kinderen gaan naar de middelbare school.",
    "Samen naar de hockeywedstrijd.",
    "Introductie gedaan met iemand van de gemeente.",
    "Zocht een goede boekhouder, gaf twee namen.",
    "Kort bericht over het congres.",
    "Etentje met de partners erbij.",
    "Videocall over het nieuwe project.",
    "Had het over hardlopen en de marathon van Rotterdam.",
    "Vroeg of ik iemand ken bij ASML.",
    "Felicitatie met de nieuwe baan gestuurd.",
]

KINDS_WEIGHTED: list[tuple[str, int]] = [
    ("coffee", 30),
    ("call", 20),
    ("message", 25),
    ("email", 10),
    ("meal", 8),
    ("event", 4),
    ("video", 3),
]


def spaced(word: str) -> str:
    """Word lists use '_' for a space inside one entry ('van_der_Meer' -> 'van der Meer')."""
    return word.replace("_", " ")
