"""Phrase families for "may be harming themselves", "may be being harmed by someone" and "a child may be at
risk". The pattern language is described in `risk_rules`."""

from __future__ import annotations

from cafe_desk.core.risk_kinds import CHILD, HARMED, SELF_HARM, SUICIDE  # noqa: F401

HARM: list[tuple[str, float, str]] = [
    # --- harming themselves ---------------------------------------------------------------------------------------
    (SELF_HARM, 3, "{harm_self_verb} {refl}"),
    (SELF_HARM, 3, "{harm_self_verb} ~2 {refl} [again|deliberately|on purpose|when]"),
    (SELF_HARM, 3, "self [harm|harming|injur|injury|hurt|destruct|mutil]"),
    (SELF_HARM, 3, "[cut|cutting|burn|burning|scratch] [again|on my|my arm|my leg|my wrist|her arm|his arm|her leg"
                   "|her wrist|his wrist|her thigh|my thigh|her stomach|my stomach]"),
    (SELF_HARM, 3, "[cut|burn|scratch] [my|her|his|their] [arm|leg|wrist|thigh|stomach|skin]"),
    (SELF_HARM, 3, "[fresh|new|deep|more] [cut|scar|mark|burn|wound]"),
    (SELF_HARM, 3, "[cut|scar|mark|burn] [on|up] [my|her|his|their] [arm|leg|wrist|thigh|stomach]"),
    (SELF_HARM, 3, "[hide|hiding|cover|covering] ~2 [cut|scar|mark|arm|wrist|burn]"),
    (SELF_HARM, 2.5, "long sleeve"),
    (SELF_HARM, 3, "[blade|razor|lighter|compass|scissors] ~4 [my|her|his|their|on] ~1 [arm|leg|wrist|skin|thigh]"),
    (SELF_HARM, 2.5, "[keep|keeps|hide|hides|hid|found|find] ~2 [blade|razor]"),
    (SELF_HARM, 2.5, "[start|started|back to|relapse|relapsed|went back|go back to] ~2 [cut|harm|self harm|burn"
                     "|scratch|scratching|bite|biting|pick|picking]"),
    (SELF_HARM, 3, "[bang|hit|punch] ~2 [my|her|his|their] head ~3 [wall|floor|door|steering wheel|off]"),
    (SELF_HARM, 2.5, "[stop|stopped|not] [eat|eating] ~4 [punish|deserve]"),
    (SELF_HARM, 3, "[deserve|deserves] [to]? [hurt|pain|to suffer|be punished]"),
    (SELF_HARM, 3, "[til|until|till] ~3 [bleed|blister|raw|break the skin|skin break|bruise|split|splits|cracked]"),
    (SELF_HARM, 3, "[til|until|till] [it|they|the skin|my skin|her skin|his skin] ~1 [bleed|blister|break|raw|bruise]"),
    (SELF_HARM, 3, "[punch|hit|kick|bang] ~2 [wall|walls|door|doors|mirror] ~4 [bleed|blood|broke|break|knuckle"
                   "|split]"),
    (SELF_HARM, 2.5, "[bandage|plaster|dressing] on [her|his|my|their]? [wrist|wrists|arm|arms]"),
    (SELF_HARM, 3, "{harm_self_verb} ~5 [on purpose|deliberately]"),
    (SELF_HARM, 2.5, "[hurt|pain|burn|hot|blister|bleed|bruise|scald|starve] ~6 [on purpose|deliberately]"),
    (SELF_HARM, 3, "[relapse|relapsed|urge|urges|back on|clean from|clean off] ~3 [the]? [sh|self harm|cut|cutting]"),
    (SELF_HARM, 3, "sh [again|urges|scars|scar|relapse]"),
    (SELF_HARM, 3, "[take|taking|took] it out on [myself|herself|himself|themselves|my body|her body|his body]"),
    (SELF_HARM, 2.5, "razor [blade|blades]"),
    (SELF_HARM, 2.5, "[to|just to] feel something"),
    (SELF_HARM, 3, "[cut|cuts|cutting|burn|burns|hurt|hurts] ~1 when [we|i|she|he|they] [argue|fight|get|feel"
                   "|be upset]"),
    (SELF_HARM, 2.5, "[need|needed|needs] stitches"),
    (SELF_HARM, 3, "[stub|stubbing|stubbed|burn|burning|put|putting] ~2 [cigarettes|fags|cigs|cig|fag] [out]? on [my"
                   "|her|his|their] [arm|skin|hand|leg|wrist]"),
    (SELF_HARM, 3, "dsh"),
    (SELF_HARM, 3, "[burn|burns|cut|cuts|scar|scars] to ~1 {sh_body}"),
    (SELF_HARM, 3, "[pick|picking|picked] ~3 [scar|scars|scab|scabs|skin|wound|wounds] [open|again|till|until]"),
    (SELF_HARM, 3, "[did it|do it|done it] with the {sh_tool}"),
    (SELF_HARM, 3, "[did it|do it|done it] again ~6 [thigh|thighs|arm|arms|wrist|where nobody|where no one"
                   "|where people]"),
    (SELF_HARM, 2.5, "[wrist|wrists|arm|arms] ~1 [bandaged|strapped up|in bandages]"),
    (SELF_HARM, 3, "[arm|arms|wrist|wrists|leg|legs|thigh|thighs] ~2 cut up"),
    (SELF_HARM, 3, "[bang|banging|banged|hit|hitting] my head ~4 [until|till] ~2 [hurt|hurts|bleed|bleeds]"),
    (SELF_HARM, 3, "[looking for|look for|start|starting|pick|picking] fights ~3 [get battered|get hurt|get beaten"
                   "|hurt|battered]"),
    (SELF_HARM, 3, "[pull|pulled|pulling] out ~3 [my|ma|her|his] hair"),
    (SELF_HARM, 3.5, "[dig|digging|dug|carve|carving|carved|etch|etched|scratch|scratched|scratching|cut"
                     "|cutting] ~6 into ~2 {sh_body}"),
    (SELF_HARM, 3, "[dig|digging|dug] ~2 nails into"),
    (SELF_HARM, 3, "i still [cut|burn|harm|hurt myself] $"),
    (SELF_HARM, 3.5, "[done|did|do] [my|her|his|their] [arms|arm|wrists|wrist|legs|thighs] again"),
    (SELF_HARM, 3, "& [bandage|bandaged|cut|cuts|scar|scars|marks|forearm|arm|arms] [take the edge off|the release"
                   "|relief]"),
    (SELF_HARM, 2.5, "sleeves [pulled down|down|always down|pulled over]"),
    (SELF_HARM, 3.5, "[swallow|swallowing|swallowed] [batteries|objects|glass|bleach|razor|pins|magnets]"),
    (SELF_HARM, 3, "[pull|pulling|pulled] ~2 [my|her|his]? [eyelashes|eyebrows|lashes]"),
    (SELF_HARM, 3, "[thigh|thighs|arm|arms|stomach|wrist|wrists] ~3 where i do it"),
    (SELF_HARM, 3, "[carry|keep|have] a [blade|razor] ~4"),
    (SELF_HARM, 3, "[patch|patching|stitch|stitching|strap|strapping] myself up"),
    (SELF_HARM, 2.5, "steri strips"),
    (SELF_HARM, 3, "[broken|broke|break|breaking] the skin"),
    (SELF_HARM, 2, "[wrists|arms|wrist|arm] sting"),
    # --- being harmed by someone -----------------------------------------------------------------------------------
    (HARMED, 3, "{agent} ~4 {hit} {pron_obj}"),
    (HARMED, 3, "{agent} ~3 {hit} {pron_obj} ~2 [again|when|if|every]"),
    (HARMED, 3, "{hit} me [when|if|again|every]"),
    (HARMED, 2.5, "[he|she|they|partner|husband|wife|boyfriend|girlfriend] ~2 [hurt|hit|beat|batter] me"),
    (HARMED, 3, "{scared} ~2 [to]? [go|going|get|getting|goin] home"),
    (HARMED, 3, "{scared} ~2 [of|what] ~2 [him|her|he|she|my partner|my husband|my wife|my son|my dad|my boyfriend"
                "|my girlfriend|my ex|my carer|them at home|at home|when he|when she|he will|she will|he do|he would"
                "|she would]"),
    (HARMED, 3, "[not|never|no] [feel|felt]? safe [at home|in my home|in my own home|in the house|with him|with her"
                "|there|in my own house|to go home|going home]"),
    (HARMED, 3, "[eggshells|egg shells]"),
    (HARMED, 3, "{agent} ~4 {take_money} ~3 [my|her|his|mum|dad|gran|our|your|all] ~2 {money}"),
    (HARMED, 3, "{agent} ~3 [has|have|keeps|kept|took|take] ~2 [my|her|his] [bank]? [card|pin|pension|benefit|money]"),
    (HARMED, 3, "[my|her|his|mum|dad|gran] [money|pension|benefit|savings|account] ~3 [gone|disappear|empty|missing"
                "|taken|drained|spent]"),
    (HARMED, 2.5, "[wont|will not|does not|never] [let|give] [me|her|him] ~4 [money|out|see|go|leave|have|phone|speak"
                  "|talk|use|my own]"),
    (HARMED, 3, "[control|controls|controlling|check|checks|checking] ~2 [my|her|his|all|the|our]? [money|finances"
                "|finance|bank|benefits|phone|every move|every penny|every text|everything i|what i|where i|where she"
                "|where he]"),
    (HARMED, 3, "[threaten|threat|threatened] ~3 [me|to kill|to hurt|to put|to throw|to take|to leave|to burn"
                "|to smash|to harm|to kick]"),
    (HARMED, 3, "[he|she|they] [will|would|be going to|go to] [kill|hurt|get|finish|batter|do] me"),
    (HARMED, 3, "[bruise|black eye|broken rib|burst lip|split lip|strangl|chok]"),
    (HARMED, 3, "[rape|raped|sexual assault|sexually assault|touch me|touched me|force me|forces me|forced me"
                "|made me have sex|makes me have sex]"),
    (HARMED, 3, "[lock|locked|locks] me [in|out]"),
    (HARMED, 2.5, "[scream|shout|yell|swear] at me ~4 [every|all the time|scared|frightened|hit|push|throw]"),
    (HARMED, 2.5, "[domestic abuse|domestic violence|coercive control|being abused|abusive relationship"
                  "|abusive partner|abusive husband|he be abusive|she be abusive]"),
    (HARMED, 2.5, "[not allowed|no allowed] to [go out|see|leave|have|spend|phone|talk|work|use|complain|say|tell"
                  "|speak|eat|sleep]"),
    (HARMED, 2.5, "[keep|keeps|kept] me [in|locked|from]"),
    (HARMED, 2.5, "[hide|hiding|hid] from [him|her|them|my partner|my husband]"),
    (HARMED, 3, "[sleep|sleeping|slept] in the car ~4 [him|her|safe|home|scared]"),
    (HARMED, 2.5, "[he|she] ~2 [will|would] [kill|hurt] me"),
    (HARMED, 2.5, "[owe|owes] ~3 [favour|favours|sex]"),
    (HARMED, 3, "[come|comes|came|coming] into [her|his|my|their] [room|bed] ~3 [night|when]"),
    (HARMED, 3, "{scared} to [ask|tell] [them|him|her] to leave"),
    (HARMED, 2.5, "[keep|keeps] turn up at my"),
    (HARMED, 3, "[track|tracks|tracking|check|checks|checking|read|reads|go through] my [phone|location|messages]"),
    (HARMED, 3, "[withhold|withholding|withheld|hide|hides] ~3 [my|his|her] {pills}"),
    (HARMED, 3, "{agent} ~4 [break|broke|snap] [my|your|his|her] [leg|legs|arm|arms|neck|jaw|fingers|nose|rib|ribs"
                "|wrist|hand|finger|tooth|teeth|cheekbone|collarbone]"),
    (HARMED, 3, "[break|broke|snap] ~2 [my|your|his|her] [leg|legs|arm|arms|neck|jaw|fingers] ~3 [if|unless]"),
    (HARMED, 3, "[throw|threw|thrown] ~5 at me"),
    (HARMED, 2.5, "not {want} to [go|going] home"),
    (HARMED, 3, "[make|making|made|force|forced|forcing|pressure|pressured|pressuring] ~2 [send|sending"
                "|sent] ~1 [photo|photos|pic|pics|picture|pictures|nude|nudes|video]"),
    (HARMED, 3, "[post|share|send|show] them ~3 unless"),
    (HARMED, 3, "pay ~1 in [other ways|another way|some other way|kind]"),
    (HARMED, 3, "[sexual|sexually] [abuse|abused|assault|assaulted|exploit|exploited]"),
    (HARMED, 3, "[abuse|abused|abusing|abuses] [by|me|her|him]"),
    (HARMED, 3, "[leave|leaves|left|leaving] me ~3 [in bed|wet|soiled|alone for|without food|hungry|in the dark"
                "|in my own]"),
    (HARMED, 3, "if i [complain|tell|say anything|tell anyone|speak up|report] ~4 [i will|i would|he will|she will"
                "|they will|put in|kick|hurt|kill|take]"),
    (HARMED, 2.5, "careful what [i|she|he|they] [say|says|do]"),
    (HARMED, 3, "[remove|removes|take|takes|took|hide|hides] ~2 [my|her|his] [mobility|walking stick|stick|walker"
                "|wheelchair|chair|phone|hearing aid|aids]"),
    (HARMED, 3, "[keep|keeps|kept|took|take|has|have|hold|holds] ~2 [my|her|his] passport"),
    (HARMED, 2.5, "send me back if"),
    (HARMED, 3, "[pressure|pressuring|pressured|forcing|making|made] me to sign"),
    (HARMED, 2.5, "sign [my|her|his] [house|home|flat|money|savings] over"),
    (HARMED, 3, "[making|make|made|force|forcing] me [keep|hold|store|hide|carry|sell|deliver|move] [stuff|things"
                "|drugs|packages|it|bags|gear]"),
    (HARMED, 3.5, "[know|knows] where [i|you|my mum|my family|we|my kid|my wean] [live|stay|stays|lives]"),
    (HARMED, 3.5, "[made|make|making|being made] to [hold|keep|store|carry|sell|stash] [stuff|things|drugs|gear|a bag"
                  "|bags|packages]"),
    (HARMED, 2.5, "[sold|selling|sell|took|taken|taking] ~2 my [things|stuff|belongings|jewellery|rings|possessions]"),
    (HARMED, 3, "{scared} to [say|speak|tell] [anything|anyone|up|a word|no]"),
    (HARMED, 2.5, "can not [go|get] home [tonight|today|$]"),
    (HARMED, 3, "[take|took|taken|takes] my {pills} [off|from|away]"),
    (HARMED, 3, "only [give|gives|let|lets] me ~3 if i"),
    (HARMED, 2.5, "[do|did] what [he|she|they] [want|wants|say|says|tell|tells] ~1"),
    (HARMED, 3, "{agent} ~2 [will|would|going to] [burn|torch|set fire to] ~3 [with me|with us|the flat|the house]"),
    (HARMED, 3, "[got|get|make|makes|making|has|have] [him|her|them|me] [carrying|carry|selling|sell|delivering"
                "|deliver|moving|running] ~2 [bags|drugs|packages|stuff|gear|parcels|it|a knife|knives|weapons]"),
    (HARMED, 3, "{agent} ~3 [keep|keeps|kept|take|takes|took|hold|holds|hide|hides|hid] ~2 [her|my|his|their"
                "|the] [bank card|card|car keys|keys|passport|phone|money|pension|benefits|medication|meds|pip]"),
    (HARMED, 3, "account for every penny"),
    (HARMED, 2.5, "[pay|pays|paid] for it [if|when]"),
    (HARMED, 3, "[spit|spat|spits] at [me|my|us|her|him]"),
    (HARMED, 3, "brick through [our|my|the] window"),
    (HARMED, 2.5, "{scared} every [night|day|time]"),
    (HARMED, 3, "[say|says|said] i owe [him|her|them]"),
    (HARMED, 3, "[send|post|share|show] them ~6 unless"),
    (HARMED, 2.5, "[keep|keeps] turn up [outside|at]"),
    (HARMED, 3, "take ~3 [car keys|keys|phone] ~4 [so i can not|can not leave|can not get|can not go]"),
    (HARMED, 3, "[sleep with|have sex with] ~3 [to cover|for the rent|rent|or]"),
    (HARMED, 3, "[forced|forcing|made|make] ~2 [to marry|marriage|to be married|get married]"),
    (HARMED, 2.5, "to be married ~3 [crying|scared|does not want|not want|13|14|15|12]"),
    (HARMED, 3, "[deport|deported] me"),
    (CHILD, 3, "[bruthaidhean|gun bhiadh|leotha fhein]"),
    (HARMED, 3, "{agent} ~3 [touched|touch|touches|touching|fiddled|interfered] ~1 [her|him|them|me]"),
    (CHILD, 2.5, "{child} ~6 [play rough|plays rough|playing rough|rough with]"),
    (HARMED, 3, "told ~2 to say [he|she|i|they] [fell|fall|walked into|bumped]"),
    (HARMED, 3, "[left|leave|leaves|leaving] ~2 in [soiled|wet|dirty] [bedding|sheets|clothes|bed|pad|pads]"),
    (HARMED, 2.5, "{agent} ~3 [hold|holds|keep|keeps|took|take|takes] the [care money|money|pension|benefits]"),
    (CHILD, 3, "not keeping [her|him|them] safe"),
    (CHILD, 3, "[shut|shutting|lock|locking] [the|my]? {child} in"),
    (CHILD, 3, "[shaken|shook|shake] [her|him|them] ~2 [before|when|cry|crying]"),
    (HARMED, 3, "[let|letting|lets] [himself|herself|themselves] ~1 [in|into] [my|the|our] [flat|house|room|home]"),
    (HARMED, 3, "pay ~2 [another way|other ways|some other way|in kind]"),
    (HARMED, 3, "{agent} ~3 [get|gets|getting|come|comes|came|climb|climbs] into [her|his|their|my] bed"),
    (CHILD, 3, "[said|says|told] [her|him|me|them] not to tell"),
    (CHILD, 3, "shut [her|him|them] up for good"),
    (HARMED, 3, "[make|makes|made|making] me [hand over|give him|give her|pay|sign]"),
    (HARMED, 3, "[grab|grabbed|grabs] ~1 [my|her|his] [throat|neck|hair]"),
    (HARMED, 2.5, "{agent} ~2 [smashed|smash|smashes] my [phone|things|stuff]"),
    (HARMED, 3, "[using|use|took over|taken over] ~3 [flat|house|place] ~4 [deal|dealing|drugs|to deal]"),
    (HARMED, 3, "{scared} to go back"),
    (HARMED, 3, "[threaten|threatened|threatens] ~3 [the family|my family|his family|her family|my kid|the kid]"),
    (HARMED, 3, "[follow|followed|follows] me home"),
    (HARMED, 2.5, "[let|give] ~2 [my|the|our] {child} [eat|sleep|food|out|have]"),
    (HARMED, 3, "[keep|keeps|kept] following me"),
    (HARMED, 3.5, "hands [round|around|on] my [neck|throat]"),
    (HARMED, 3, "[favour|favours] instead of rent"),
    (HARMED, 3, "[know|knows] my address"),
    (HARMED, 2.5, "[vile|threatening|abusive|nasty] messages"),
    (CHILD, 3.5, "{child} ~2 left in the car"),
    (CHILD, 3, "[used|made|forced|being used] to [run|sell|carry|deal] [drugs|county lines|parcels|gear]"),
    (CHILD, 3.5, "{child} ~4 {scared} to go [to|home|back]"),
    (CHILD, 3.5, "[using|drinking|injecting|smoking] in front of the {child}"),
    (CHILD, 3.5, "[grabbed|grab|hit|smacked|shook|pushed|shake] [him|her|them] too hard"),
    (HARMED, 2.5, "left a mark"),
    (HARMED, 3, "[batter|battering|beat|beating|rob|robbing|mug|mugging] me for my"),
    # --- a child at risk (also any match above with a child as the one at risk) ----------------------------------
    (CHILD, 3, "{child} ~4 [be|get|gets|getting] [hit|hurt|beat|bully|abuse|touch|groom|slap|batter]"),
    (CHILD, 3, "{agent} ~3 {hit} [the|my|our|her|his] ~1 {child}"),
    (CHILD, 3, "{child} ~3 {scared} ~3 [of him|of her|of their|of his|of my|to go home|when he|when she|of dad|of mum"
               "|of the|at home]"),
    (CHILD, 3, "{child} ~3 [hide|hides|hiding|cry|cries|crying|shaking] ~3 [when he|when she|when dad|when mum"
               "|from him|from her|come home|comes home]"),
    (CHILD, 3, "[leave|left|leaves|leaving] ~4 {child} ~3 [alone|on their own|on his own|on her own|home alone"
               "|by themselves|overnight|all night|with him|with her]"),
    (CHILD, 3, "{child} ~3 [see|saw|seen|hear|heard|witness] ~4 [hit|fight|violence|hurt|beat|abuse|drunk|batter"
               "|everything|it all]"),
    (CHILD, 2.5, "{child} ~4 [no food|not eat|hungry|go without|gone without|not been fed|starve]"),
    (CHILD, 3, "{child} ~5 [talk|talking|say|said|says|saying|ask|asked] ~4 [die|dead|kill|end|not want to live"
               "|not be here|hurt herself|hurt himself|suicid]"),
    (CHILD, 3, "{child} ~3 [message|messages|talk|talking|meet|meeting|sending] ~4 [older man|older men|stranger"
               "|adult|man online|men online|photo|picture|pic]"),
    (CHILD, 3, "[lock|locking|locked] ~2 {child} ~3 [in|out]"),
    (CHILD, 3, "{child} ~6 [feed|feeding|fend|look after|looking after] [themselves|himself|herself]"),
    (CHILD, 3, "{child} ~6 [older lads|older men|older man|older boys|gang] ~4 [give|gave|buy|bought|money|phone"
               "|drugs]"),
    (CHILD, 3, "[message|messages|messaging|chat|chatting|talk|talking] ~4 [grown man|older man|older men|stranger"
               "|adult|man online|men online|online] ~4 [photo|picture|pic|meet|nude|video]"),
    (CHILD, 2.5, "[older lads|older men|older man|older boys|gang] ~3 [give|gave|buy|bought|giving] ~2 [him|her|them]"),
    (CHILD, 3, "{child} ~6 [bruise|burn mark|marks on|injury]"),
    (CHILD, 3, "{child} ~3 [hide|hiding|hides] ~4 [when|from] ~2 {agent}"),
    (CHILD, 3, "[shake|shook|shaken|smack|slap|hit|hurt] [my|the|our] ~1 {child}"),
    (CHILD, 3, "{child} ~3 [be|get]? [just]? [left|leave] ~8 [cry|alone|on|hungry|all day|most of the day]"),
]
