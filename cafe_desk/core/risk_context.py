"""The words around a match that raise or lower it: talk about the subject, the past, a loss, going away, people in
general, a negation just before, "now" words, hyperbole, everyday mishaps. Each list is plain words, read through the
same stems as the text (`risk_words.phrase`)."""

from __future__ import annotations

#: talking *about* the subject, not saying it is happening: lowers the score in its sentence
TOPIC = ("training|awareness|prevention|prevent|workshop|awareness session|training session|session on|session about"
         "|seminar|webinar|campaign|statistic|rate|rates|attention seek|myth|stop say|the word|the term|the phrase"
         "|language|novel|chapter|book club|the book|a book|drama|storyline|character|narrator|government|strategy"
         "|money attached|training course|a course on|course about|the course on|session at|club|talk on|a talk"
         "|the talk|school need|school should|in school|research|study|the strategy|national strategy|strategy for"
         "|policy|charity|funding|leaflet|poster|film|documentary|programme|stigma|asist|safetalk|first aid|naloxone"
         "|ambassador|conference|lecture|module|toolkit|the topic|on the subject|about the subject|we talk about"
         "|we discuss|discussion|discuss|conversation about|open up about|funding cut|cuts to|budget|minister"
         "|caseload|referral pathway|protocol|risk assessment|the news|survey|article|podcast|school talk|assembly"
         "|lived experience panel|protection training|safeguarding training|mental health first aid|awareness week"
         "|the stats|stiogma|bruidhinn mu dheidhinn|we see|every shift|on shift|our patients|our clients|my clients"
         "|my patients|with clients|with patients|our service|i work in|i work with|in my job|my role|asked if i"
         "|asked me if|ask me if|as a practitioner|how common|underestimate|among older|among young|among men"
         "|among women|we say|sounds cold|clinical|jargon|acronym|abbreviation")
#: the past, resolved, or someone lost: lowers the score in its sentence
PAST = ("year ago|years ago|month ago|months ago|decade|when i was young|when i was younger|when i was a teen"
        "|when i was a teenager|as a teenager|as a kid|as a child|when i was a kid|when i was little|when i was wee"
        "|when i was at school|when i was at uni|in my teens|in my twenties|back in|back then|used to|in the past"
        "|in my past|recovered|since then|at the time|once upon|the 90s|the 80s|survivor|survived|got through"
        "|came through|turned my life|life around|turned it around|better now|doing well|well now|thankfully"
        "|looking back|from my teens|part of my story|years old|year old now|old scars|old scar|when i was ill"
        "|at my lowest|o chionn|bliadhna|there was a time|a long time ago|long time ago|have not in|in decades"
        "|not where i be now|i be ok now|i be doing ok|doing ok|doing okay|that person|discharged now|when we was"
        "|when they was|the worst year|worst time of my life|at school|as a teen|when i was")
#: someone lost, or how a death is spoken of: lowers the score in its part of the sentence
LOSS = ("lost|lose|loss|bereave|griev|grief|funeral|passed away|pass away|anniversary|memory|memorial|in memory|rip"
        "|die by|died by|commit|committed|completed|chaill")
#: going away for ordinary reasons ("won't be around next month, off to Spain"): lowers the score in its sentence
GOING_AWAY = ("holiday|cottage|skye|island|cabin|no signal|for a week|off to|moving to|move to|moved to|old flat"
              "|new flat|new house|away to|goodbye card|leaving card|retired|retirement|moving up to|moving down to"
              "|moving away|moving abroad|trip|flight|for work|new job|see you then|see yous then|see you in"
              "|see yous in|abroad|spain|emigrat|leaving do|cruise")
#: the words belong to someone in general, not a person in the room
GENERIC = ("people who|if a friend|if a pal|if someone tell you|tell you they|if your friend|best thing to say"
           "|what to say|how do we|how do you|we ask all|we ask everyone|ask all|ask every|people that|those who"
           "|anyone who|someone who|somebody who|folk who|person who|men who|women who|young people|a lot of people"
           "|lots of people|many people|some people|patient who|client who|people with|people in|people feel"
           "|disabled people|make people|society|ask someone|ask if|asking if|asking about|if they be think"
           "|if someone be|if someone|if somebody|when someone|when people|for people|how people")
#: a negation just before the words ("not suicidal", "never self harmed")
NEGATION = "not|never|no|nobody|nothing|without|neither|nor"
#: the words are about now, or there is a plan or a time: raises the score
NOW = ("again|lately|recently|this week|last week|last night|yesterday|today|tonight|tomorrow|right now|at the moment"
       "|every day|every night|all the time|still|currently|these days|keep|keeps|now|this morning|this month|weekend"
       "|soon|start|started|since|ongoing|anymore|any more")
#: hyperbole about services or daily life ("the waiting list is killing me", "dying for a cuppa")
HYPERBOLE = ("dying for|dying to|to die for|die of embarrassment|die laughing|dead good|dead nice|dead tired|dead on"
             "|dead end|kill for|live in|live at|live near|go on the|go on a|burden on the nhs|burden on services"
             "|burden on the state|peace with it|peace with that|peace with what|old scar|old scars|die lol|die haha"
             "|dead lol|think i be go to die|i was go to die|any more emails|emails|inbox|literally kill"
             "|literally killing|wake up early|get up early|early start|early on|i be go to die lol|call a burden"
             "|called a burden|burden on nobody|burden to nobody|burden to no one|not a burden|not be a burden"
             "|it kill me|this kill me|that kill me|be kill me|rather die than|die than|killing it|killed it"
             "|the death of me|bored to death|scared to death|sick to death|end of the day|end of the world|dead easy"
             "|deadline|dead set")
#: everyday activities and accidents that share the words ("burnt my arm on the oven", "kill me at darts"):
#: lower the score in their sentence
BENIGN = ("by accident|accidentally|midge|midges|bed frame|tripped|fell over|on the oven|the oven|the hob|baking"
          "|scones|the toast|toast|recycling|recycle|blister pack|packaging|at darts|at pool|at cards|at golf"
          "|at chess|at the quiz|rematch|fireworks|sunset|the view|wild swimming|swimming group|washing line|bunting"
          "|wheelchair race|charity race|committee|the minutes|only joking|he be a star|she be a star|for me he"
          "|t side|bhus|dosette|the garden centre|at the gym|in the gym today|leg day|roadworks|roadwork"
          "|with the lads|baltic|tombstoning|power of attorney|attorney|for the wedding|wedding date|the big day"
          "|online|paper forms|online forms|eczema|psoriasis|rope swing|swing|sold it|sold the house|sheltered flat"
          "|new home|workout|marathon|legs be gone|dwp|the council|appeal|appeals|the system|benefits office"
          "|job interview|interview|exam|support worker|hillwalk|sponsored|fancy dress|panto|the match|football|rugby"
          "|shinty|cosy|lie in|long lie|too comfy|comfy|means deliberate|stands for|chopping|onions|carers group"
          "|young carers group|meets monthly|hedge|hawthorn|bramble|brambles|pruning|the roses|cat scratch|step down"
          "|social media|the apps|facebook|instagram|tiktok|fell down|clumsy|clumsiness|fitba|sock drawer"
          "|by which i mean|declutter|squash|ball hit|tennis|hockey|queue|soup|a plaster|cooking|being sensible"
          "|sensible|washing up|that look|turkey|politics|in laws|safely|safe dose|arthritis|pharmacist explained"
          "|reminder|please write|in notes|matches|therapist told me to|counsellor told me to|homework|from work"
          "|from the office|from the party|shortbread|smoke alarm|recipe")
#: talk about a subject: lowers a match just after "about" or "on" ("talking about self-harm was hard")
TALK = "talk|talking|session|train|training|discuss|conversation|lesson|topic|hard to hear|heavy|subject"
