"""Phrase families in Scottish Gaelic, and families of words found together in one sentence or text ("& …" in one
sentence, "&& …" anywhere), in any order. The pattern language is described in `risk_rules`."""

from __future__ import annotations

from cafe_desk.core.risk_kinds import CHILD, HARMED, SELF_HARM, SUICIDE

MORE: list[tuple[str, float, str]] = [
    # --- Scottish Gaelic (accents optional) -------------------------------------------------------------------------
    (SUICIDE, 3, "[chan|cha] ~3 airson a bhith beo"),
    (SUICIDE, 3, "crioch a chur air mo bheatha"),
    (SUICIDE, 3, "[cur|chur] as dhomh fhin"),
    (SUICIDE, 3, "fein [mhort|mhurt|mharbhadh]"),
    (SUICIDE, 3, "airson [basachadh|bas|bhasachadh]"),
    (SUICIDE, 3, "fhearr ~2 as m aonais"),
    (SUICIDE, 3, "chan urrainn dhomh ~3 [cumail a dol|tuilleadh]"),
    (SELF_HARM, 3, "fein [chron|chiurradh|lot|leon]"),
    (SELF_HARM, 3, "[gearradh|losgadh|gearr|loisg] [mo|mi fhin|i fhein|e fhein|a]"),
    (SELF_HARM, 3, "[gam|ga mo|gan] [ghearradh|losgadh|bhualadh|ghoirteachadh] [fhin|fhein]"),
    (SUICIDE, 3, "[cha mhor nach do|theab mi|theab] ~1 [leum|leumadh]"),
    (SUICIDE, 3, "fhearr ~4 [marbh|bas]"),
    (SUICIDE, 2.5, "[tha mi|bu toil leam|ba mhath leam] ~3 [marbh|bas|basachadh]"),
    (HARMED, 3, "eagal orm ~4 [dhachaigh|roimhe|roimhpe|romhpa]"),
    (HARMED, 3, "[gam bhualadh|bhuail e mi|bhuail i mi|buailidh e mi|buailidh i mi|ga mo bhualadh]"),
    (CHILD, 2.5, "[leave|left|leaving] [him|her|them] [alone|on his own|on her own|on their own] ~3 [overnight"
                 "|all night|in the flat|in the house|at home|for hours|all day]"),
    (CHILD, 2.5, "[stay|stays|staying|sleep|sleeps|sleeping] [at|over at|with] ~5 [man|men|older man|adult|guy"
                 "|lads] ~2 [flat|house|place]"),
    (CHILD, 2.5, "{child} ~5 [scream|screaming|cry|crying|greet|greeting] ~6 [shout|bang|hit|every night|all night]"),
    (CHILD, 2.5, "[come|comes|coming|came] in hungry"),
    (CHILD, 2.5, "same clothes all week"),
    (CHILD, 3, "{child} ~3 [cry|cries|crying|scream|screams|left] ~3 [all day|in the cot|for hours|most of the day"
               "|on her own|on his own]"),
    (CHILD, 2.5, "{child} ~8 [no adult|no adults|no parent|no grown up|unsupervised|nobody answer|no one answer]"),
    (CHILD, 3, "[secret game|secret games|our secret|our little secret|not to tell anyone|not tell anyone"
               "|not tell mum]"),
    (CHILD, 3, "[picked up|pick up|picks up|picking up] by ~2 [older|a man|men|guys|lads|strangers]"),
    (CHILD, 2.5, "[eldest|oldest|wee one|child|kid] ~4 [doing the cooking|minding the baby|looking after the baby"
                 "|looking after the others|caring for]"),
    (CHILD, 2.5, "[drunk|drink|smelling of drink|under the influence|off their face|stoned|high|wasted] ~8 [drove"
                 "|drive|driving|behind the wheel]"),
    (CHILD, 2.5, "[needles|needle|syringes|works|foil] ~3 [floor|lying about|left out|about the house]"),
    (CHILD, 2.5, "{minor} ~8 [pregnant|older man|older boyfriend|older guy|20 year old|grown man]"),
    (CHILD, 2, "[no adult|no adults|no parent|no grown up] ~2 [answer|answered|about|around|home|in|there|with them]"),
    # --- found together in one sentence, in any order -----------------------------------------------------------
    (SUICIDE, 2.5, "& {means} {intent}"),
    (SUICIDE, 2.5, "& {farewell} {when}"),
    (SUICIDE, 3, "& {farewell} {means}"),
    (SUICIDE, 2.5, "& {farewell} [die|dead|death|end it|end things|not wake|for good|forever|kill]"),
    (SUICIDE, 3, "& [pin|bank card|password|keys] [funeral|when i be gone|after i be gone|after i go]"),
    (SUICIDE, 3, "& [rope|noose|ligature] [tree|beam|banister|loft|garage|sturdy|measured|hook]"),
    (SELF_HARM, 2.5, "& {sh_tool} {sh_body}"),
    (SELF_HARM, 2.5, "& [razor|blade|blades|lighter] [again|back]"),
    (SELF_HARM, 3, "& [did it|do it|done it|doing it] [again] {sh_body}"),
    (SELF_HARM, 2.5, "& [scar|scars|cut|cuts|wound|wounds] [fresh|open|picking|new|hide|hiding|again|blood]"),
    (CHILD, 2.5, "& {young} [main carer|young carer|does all her|does all his|doing the cooking|minding the baby"
                 "|missing school|missed school]"),
    (CHILD, 3, "& {young} [to be married|marry her|marry him|married off|forced marriage]"),
    (CHILD, 2.5, "& {young} [messaging|messages|snapchat|online] [money|meet up|meet|picture|photo|gift|gifts]"),
    (CHILD, 3, "& {young} [shake|shaken|shook|shaking]"),
    (CHILD, 3.5, "& {young} [needle|needles|inject|injects|injecting|syringe]"),
    (SUICIDE, 3, "&& {farewell} [ready now|ready to go|it be time|time to go]"),
    (SUICIDE, 2.5, "& {farewell} [text|texted|message|messaged|posting|posted]"),
    (SUICIDE, 3, "& [made my peace|make my peace|made his peace|made her peace] [sorted|dog|cat|keys|will|letters"
                 "|sister]"),
    (CHILD, 3, "&& {young} [grown man|older man|a man] [buying her|buys her|buying him|gifts|meeting her|meets her]"),
    (CHILD, 3, "&& {young} [run away|ran away|runs away|go missing|went missing] [drink|money|older|smelling|drugs]"),
    (CHILD, 3, "&& {young} [no food|nothing to eat|go hungry|gone hungry|nae food|no dinner|hungry again]"),
    (CHILD, 2.5, "& {young} [on their own|on his own|on her own|alone] [night|nights|all day|overnight|weekend"
                 "|crying]"),
    (HARMED, 2.5, "& {agent} [won't let|will not let|not allowed|can not leave|can not get|so i can not"
                  "|account for] [out|leave|house|keys|phone|money|penny|car|croft|see]"),
    (CHILD, 3, "&& {young} [to be married|marry her|marry him|married off|forced marriage]"),
    (CHILD, 3, "&& {young} [parcel|parcels|packages|drop bags] [cash|money|pay|paid]"),
    (CHILD, 3, "&& {young} [older man|older men|older guy|older lads|older boys] [gifts|gift|cash|money|presents"
               "|vodka|drink]"),
    (CHILD, 2.5, "&& [drinking|drunk|using] [leave|left|leaving] {young}"),
]
