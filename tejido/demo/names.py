"""Guatemalan names, pueblos and languages by department, for synthetic data only.

Shares are rough orders of magnitude from the 2018 census (INE), enough to make a demo
look like the country: a Q'eqchi' majority in Alta Verapaz, Ch'orti' in Chiquimula,
Garífuna in Izabal, Xinka in Santa Rosa and Jutiapa, ladino majorities in the east."""

FEMALE_NAMES = [
    "María", "Ana", "Rosa", "Juana", "Marta", "Sandra", "Glenda", "Lesbia", "Ingrid", "Heidy", "Yesenia",
    "Brenda", "Dulce", "Karla", "Lucía", "Olga", "Candelaria", "Micaela", "Petrona", "Catarina", "Manuela",
    "Isabel", "Andrea", "Ixchel", "Sucely", "Dalia", "Floridalma", "Santos", "Yolanda", "Aura", "Elvira",
    "Reyna", "Delfina", "Josefa", "Tomasa", "Francisca", "Magdalena", "Griselda", "Mayra", "Wendy",
    "Jennifer", "Ashley", "Dayana", "Valeria", "Camila", "Sofía", "Ximena", "Nayeli", "Keyla", "Yaquelin",
]
FEMALE_MIDDLE = ["", "", "José", "Isabel", "Elena", "del Carmen", "Fernanda", "Alejandra", "Lucía", "Magdalena"]
MALE_NAMES = [
    "José", "Juan", "Carlos", "Luis", "Pedro", "Miguel", "Francisco", "Manuel", "Diego", "Mario", "Byron",
    "Edwin", "Selvin", "Kevin", "Brayan", "Wilson", "Erick", "Marvin", "Oswaldo", "Tomás", "Domingo",
    "Sebastián", "Baltazar", "Nicolás", "Gaspar", "Jeremías", "Santos", "Cristóbal", "Mateo", "Andrés",
    "Esteban", "Julio", "Rigoberto", "Otto", "Hugo", "Fredy", "Rony", "Elmer", "Walter", "Anderson",
    "Jefferson", "Dylan", "Ángel", "Josué", "Emanuel", "Gerson", "Alexander", "Jonathan", "Élmer", "Abner",
]
MALE_MIDDLE = ["", "", "Antonio", "Alberto", "Enrique", "Eduardo", "Rafael", "Daniel", "David", "Fernando"]

HISPANIC_SURNAMES = [
    "López", "García", "Pérez", "Hernández", "González", "Morales", "Ramírez", "Martínez", "Rodríguez",
    "Juárez", "Méndez", "Castillo", "Orellana", "Cabrera", "Estrada", "Ortiz", "Aguilar", "Monterroso",
    "Barrios", "Chávez", "Marroquín", "Sandoval", "Lemus", "Archila", "Cordón", "Recinos", "Sagastume",
    "Vásquez", "Guzmán", "Velásquez", "Cifuentes", "Ruano", "Escobar", "Portillo", "Solórzano", "Pineda",
    "Alvarado", "Mazariegos", "Fuentes", "De León", "Girón", "Oliva", "Paz", "Salguero", "Franco",
]
MAYAN_SURNAMES = {
    "kiche": ["Tzoc", "Tuy", "Ixcoy", "Tzul", "Chox", "Poz", "Xiloj", "Batz", "Ajanel", "Quiej", "Tum", "Sapón"],
    "kaqchikel": ["Cúmes", "Xoyón", "Sicán", "Boror", "Chicol", "Patzán", "Quina", "Cutzal", "Sotz", "Xicará",
                  "Cuxil", "Ajcalón"],
    "qeqchi": ["Caal", "Choc", "Pop", "Tiul", "Xol", "Coc", "Cuz", "Maquín", "Chub", "Ical", "Bol", "Tzi"],
    "mam": ["Bámaca", "Chilel", "Matías", "Escalante", "Ramos", "Gómez", "Roblero", "Jiménez", "Vail", "Velásquez"],
    "chorti": ["Ramírez", "Interiano", "Díaz", "Vásquez", "Aldana", "Raymundo", "Pérez", "Súchite"],
    "tzutujil": ["Sosof", "Ratzán", "Mendoza", "Petzey", "Quiacaín", "Cholotío", "Sisay"],
    "achi": ["Sis", "Ixpatá", "Toj", "Chen", "Xitumul", "Osorio", "Alvarado"],
    "qanjobal": ["Pascual", "Diego", "Francisco", "Andrés", "Mateo", "Tomás", "Lucas"],
    "ixil": ["Brito", "Cobo", "Raymundo", "Ceto", "Chávez", "Marcos", "Terraza"],
    "poqomchi": ["Cal", "Chiquín", "Max", "Caj", "Saquil", "Bin"],
    "chuj": ["Domingo", "Pascual", "Tomás", "Lucas", "Gaspar"],
    "poqomam": ["Cuque", "Pinula", "Jolón", "Ajú", "Say"],
}
GARIFUNA_SURNAMES = ["Martínez", "Álvarez", "Suazo", "Bernárdez", "Lambey", "Ellington", "Arzú", "Cacho", "Norales"]

# department INE code -> (share of Maya, [(language, weight)], share Xinka, share Garífuna)
PEOPLES_BY_DEPARTMENT = {
    1: (0.13, [("kaqchikel", 6), ("kiche", 3), ("poqomam", 1)], 0.0, 0.0),
    2: (0.02, [("achi", 1)], 0.0, 0.0),
    3: (0.40, [("kaqchikel", 1)], 0.0, 0.0),
    4: (0.77, [("kaqchikel", 1)], 0.0, 0.0),
    5: (0.07, [("kiche", 1), ("kaqchikel", 1)], 0.0, 0.0),
    6: (0.02, [("kaqchikel", 1)], 0.08, 0.0),
    7: (0.96, [("kiche", 4), ("kaqchikel", 4), ("tzutujil", 2)], 0.0, 0.0),
    8: (0.97, [("kiche", 1)], 0.0, 0.0),
    9: (0.52, [("kiche", 6), ("mam", 4)], 0.0, 0.0),
    10: (0.45, [("kiche", 1)], 0.0, 0.0),
    11: (0.21, [("kiche", 1), ("mam", 1)], 0.0, 0.0),
    12: (0.29, [("mam", 1)], 0.0, 0.0),
    13: (0.64, [("mam", 5), ("qanjobal", 3), ("chuj", 1)], 0.0, 0.0),
    14: (0.89, [("kiche", 7), ("ixil", 3)], 0.0, 0.0),
    15: (0.59, [("achi", 1)], 0.0, 0.0),
    16: (0.93, [("qeqchi", 8), ("poqomchi", 2)], 0.0, 0.0),
    17: (0.31, [("qeqchi", 1)], 0.0, 0.0),
    18: (0.28, [("qeqchi", 1)], 0.0, 0.05),
    19: (0.01, [("chorti", 1)], 0.0, 0.0),
    20: (0.25, [("chorti", 1)], 0.0, 0.0),
    21: (0.18, [("poqomam", 1)], 0.12, 0.0),
    22: (0.02, [("kaqchikel", 1)], 0.15, 0.0),
}
