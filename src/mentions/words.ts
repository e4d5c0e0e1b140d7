// Small word lists that tell an ordinary word from a name: very common words, state-institution words, context words.
//
// Lower-case ASCII, as `tokenize` writes tokens. They are deliberately short: the mention finder
// also asks the article itself (is the word written lower-case elsewhere in it?) and the lists
// (how many listed names hold the word?), which generalise better than any word list.

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** The most frequent words of English, Spanish, German and French, plus letters and ordinals. */
export const COMMON_WORDS = set(`
  a b c d e f g h i j k l m n o p q r s t u v w x y z ii iii iv
  the be to of and in that have it for not on with he as you do at this but his by from they we say
  her she or an will my one all would there their what so up out if about who get which go me when
  make can like time no just him know take people into year your good some could them see other than
  then now look only come its over think also back after use two how our work first well way even new
  want because any these give day most us is are was were been has had said says did does made more
  very much many may might must shall should such where why here while through during before between
  under again further once both each few own same too off down against among around without within
  world life hand part child eye woman man place case week company system program question government
  number night point home water room mother area money story fact month lot right study book job word
  business issue side kind head house service friend father power hour game line end member law car
  city community name president team minute idea kid body information school face others level office
  door health person art war history party result change morning reason research girl guy moment air
  teacher force education foot boy age policy everything process music market sense nation plan college
  interest death experience effect class control care field development role effort rate heart drug
  show leader light voice wife police mind price report decision son view relationship town road
  arm difference value building action model season society tax director position player record paper
  space ground form event official matter center couple site project activity star table need court
  oil situation cost industry figure street image phone data picture practice piece land product doctor
  wall patient worker news test movie north south east west love support technology step baby computer
  type attention film tree source organization hair window evidence population truth director
  great big small large long little old young high low best better early late real true free full
  sure main open black white red green blue yellow
  january february march april may june july august september october november december monday
  tuesday wednesday thursday friday saturday sunday enero febrero marzo abril mayo junio julio agosto
  septiembre octubre noviembre diciembre lunes martes miercoles jueves viernes sabado domingo januar
  februar marz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag
  janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre lundi mardi
  mercredi jeudi vendredi samedi dimanche
  el la los las lo un una unos unas y o u de del al a en con por para sin sobre entre hasta desde
  que se no es son fue era ser estar esta este esto estos estas ese esa eso su sus mi mis tu le les
  nos ya muy mas pero como cuando donde quien porque todo todos toda todas otro otra otros hay ha han
  dijo tiene tienen hace dos tres ano anos dia vez parte gobierno pais presidente ciudad mundo
  caso tiempo forma trabajo vida casa hombre mujer nuevo nueva gran grande primero primera ultimo
  der die das den dem des ein eine einen einem einer eines und oder aber nicht auch auf aus bei mit
  nach von vor zu zum zur im am ins ist sind war waren wird werden hat haben sein ich du er sie es wir
  ihr man sich so wie als wenn dass noch nur schon sehr mehr jahr jahre tag zeit land stadt welt
  regierung menschen mann frau kind neue neuen grosse ersten gegen uber unter durch fur ohne um bis
  le la les un une des du de et ou mais pas plus par pour sur dans avec sans sous ce cette ces il elle
  ils elles nous vous on qui que quoi est sont etait ont avait fait dit comme tout tous toute aussi
  bien tres an ans jour monde pays ville gouvernement homme femme premier premiere nouveau nouvelle
`);

/**
 * Words that name a body of a state rather than one body: every country has a Ministry of the
 * Interior, a National Defense Commission, a People's Army. A name made only of these (and of
 * common words) says which body only with its country.
 */
export const INSTITUTION_WORDS = set(`
  ministry ministries ministerio ministere ministerium minister department departamento departement
  interior interieur innern defense defence defensa verteidigung justice justicia foreign exterior
  exteriores affairs relaciones asuntos security seguridad securite sicherheit intelligence
  inteligencia renseignement police policia polizei army armies ejercito armee heer navy naval marina
  air force forces fuerzas armed armadas streitkrafte guard guards guardia garde national nacional
  nationale central bank banco banque council consejo conseil rat committee comite comision
  commission kommission government gobierno gouvernement regierung state states estado etat staat
  federal federation republic republica republique republik people peoples pueblo popular populaire
  volk liberation liberacion revolutionary revolucionario revolutionnaire front frente movement
  movimiento mouvement party partido parti partei union organization organisation organizacion
  administration administracion directorate direccion direction general office oficina bureau agency
  agencia service services servicio servicios court tribunal supreme prosecutor fiscalia presidency
  presidencia cabinet parliament assembly asamblea congress congreso senate senado customs aduana
  finance finanzas economy economia trade commerce industry industries education health
  energy transport communications information culture social public publica publico main special
  group groups brigade brigades battalion battalions division unit units corps
  labor labour work welfare agriculture fisheries mines mining petroleum tourism sports youth water
  electricity construction housing planning statistics environment transportation communication
`);

/** Words that say a ship is meant: a vessel's name needs one of them nearby. */
export const VESSEL_WORDS = set(`
  vessel vessels tanker tankers supertanker ship ships shipping cargo freighter carrier carriers
  yacht yachts superyacht superyachts megayacht imo mv mt flagged vlcc vlccs aframax suezmax warship warships frigate destroyer corvette
  submarine crew buque buques barco barcos petrolero petroleros carguero schiff schiffe
  frachter tankschiff navire navires petrolier crude hull
`);

/** Words that say an aircraft is meant. */
export const AIRCRAFT_WORDS = set(`
  aircraft airplane airplanes plane planes jet jets airliner helicopter registration tail msn avion
  aeronave flugzeug flugzeuge
`);

/** Abbreviations a full stop follows without ending the sentence. */
export const ABBREVIATIONS = set(`
  mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep rev hon inc corp co ltd no nos
  vs etc jan feb mar apr jun jul aug sep sept oct nov dec dept univ sra sr dra lic ing bzw ca
`);

/** Words that say an article is about sanctions: a surname alone counts with them and the person's country nearby. */
export const SANCTION_WORDS = set(`
  sanction sanctions sanctioned sanctioning blacklist blacklisted blacklisting designated designation
  designations ofac treasury embargo embargoes frozen freeze freezes blocked delisted delisting
  sanktion sanktionen sanktioniert sanciones sancion sancionado sancionados sanctionne sanctionnes
  sanktsii sanktsiy sanktsiya sanktsiyu sanktsiyami sanktsiyakh
`);

/** Titles news puts before a person's name or surname (Minister Ri, General Luna), in English and as German, French and Spanish news write them. */
export const TITLE_WORDS = set(`
  minister chairman chairwoman president general commander chief leader secretary governor director
  colonel lieutenant major deputy premier prime ceo founder oligarch businessman tycoon billionaire
  spokesman spokeswoman head envoy ambassador admiral marshal senator mayor boss warlord
  vice supreme attorney prosecutor judge speaker chancellor commissioner adviser advisor brigadier
  captain sergeant ayatollah sheikh emir sultan prince cleric imam mullah mr mrs ms dr sir dictator
  prasident prasidentin presidente presidenta prezydent prezident ministre ministro ministra ministerin
  ministerprasident aussenminister kanzler kanzlerin staatschef regierungschef machthaber diktator dictateur
  dictador lider jefe dirigeant dirigente generalsekretar secretario gouverneur gobernador comandante
`);
