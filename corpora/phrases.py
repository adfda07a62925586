"""Sentence templates for the demo corpus, per theme and voice.

Each theme has:
  facts      third-person clauses about the client, wrapped by a voice frame ("Client reports {fact}.")
  voice      first-person resident lines for interview transcripts
  actions    past-tense worker actions, without a subject ("referred {him} to the food bank")
  questions  interviewer prompts
  venues     places where a frontline worker might meet someone about this theme
Slots in braces are filled by corpora.demo: pronouns ({he}, {his}, {him}, {He}, {His}), people
({name}, {rel}, {my_rel}, {rel_child}, {lost_rel}, {my_lost}, {partner}, {ex}, {worker}, {gp}, {neighbour}),
local colour ({hospital}, {bus_route}, {town}, {park}, ...) and the FILLERS below.
Templates never contain a real name: every name comes from a slot and is labelled.
"""
from __future__ import annotations

THEMES: dict[str, dict[str, list[str]]] = {
    "food_poverty": {
        "facts": [
            "{he} has been skipping meals so {his} {kids} can eat",
            "the cupboards were empty apart from {pantry_item}", "{he} can't afford the weekly shop any more",
            "{he} has been living on {cheap_food} for {duration}", "the {kids} are hungry by the end of the week",
            "{he} relies on free school meals to get the {kids} through the week",
            "{he} ran out of food {days} before payday", "{he} has not had a proper hot meal in {duration}",
            "{he} is too embarrassed to ask family for food again", "{he} waters the milk down to make it last",
            "the school holidays are the hardest because there are no free school meals",
            "{he} had to choose between topping up the electric and buying food",
            "{he} has been using the community pantry twice a week",
            "the {kids} have been having cereal for tea most nights",
            "{he} has lost weight and the GP is worried about {his} eating",
            "{he} walks to the big supermarket late on for the yellow-sticker reductions",
            "{he} is diabetic and can't keep {his} sugars stable without regular meals",
            "{he} has been eating once a day, usually {cheap_food}",
            "the fridge was switched off because there was nothing in it",
        ],
        "voice": [
            "Some weeks I just don't eat so the kids can.",
            "By Thursday there's nothing in the cupboards, just {pantry_item}.",
            "I never thought I'd be using a food bank. I cried the first time.",
            "The holidays are the worst, no free school meals, so that's another {amount} a week I haven't got.",
            "We've been living on {cheap_food}, that's what we can afford.",
            "I go round the shop with a calculator now. Everything's gone up.",
            "{my_child} asked why we never have fruit any more and I didn't know what to say.",
            "I'll have toast for tea and tell them I ate earlier.",
            "The food bank has been a lifeline, I won't lie.", "I'd rather go hungry than ask my mum again.",
            "You can only use the food bank so many times, then what?",
            "Fresh stuff is a luxury. It's all tins and pasta.",
        ],
        "actions": [
            "issued a food bank voucher", "referred {him} to the food bank",
            "gave {him} a food parcel and {voucher} in supermarket vouchers",
            "signposted {him} to the community pantry",
            "checked eligibility for free school meals and Healthy Start",
            "booked {him} in for the Thursday community lunch", "dropped off an emergency food parcel",
            "applied to the household support fund for a supermarket voucher",
        ],
        "questions": [
            "How have you been managing with food?", "Have you ever had to use a food bank?",
            "What happens at the end of the month, before payday?", "What about the school holidays?",
        ],
        "venues": ["the food bank", "the community pantry", "the Friday food share"],
    },
    "domestic_abuse": {
        "facts": [
            "{partner} is controlling and checks {his} phone every night",
            "{he} fled the house after {partner} hit {him}", "{ex} keeps turning up outside {home_kind}",
            "{he} is scared to go home", "{partner} takes {his} bank card and gives {him} {small_amount} a week",
            "there have been threats made in front of the {kids}",
            "{he} has a non-molestation order but {ex} keeps breaching it",
            "the abuse has been going on for {years} years", "{he} is not allowed to see friends or family",
            "the police were called to the address {when_past}",
            "{he} is frightened {ex} will find out where {he} is living now",
            "{ex} has been sending abusive messages from different numbers",
            "{partner} smashed {his} phone so {he} couldn't call anyone",
            "{he} has bruising on {his} arms and said {he} fell",
            "{partner} tracks where {he} goes through an app",
        ],
        "voice": [
            "He'd go through my phone every night, every message.",
            "I wasn't allowed money of my own. I got {small_amount} for the week.",
            "I left with the kids and a carrier bag, that's it.", "I still jump when someone knocks on the door.",
            "He said nobody would believe me.", "My ex keeps turning up at the school gate.",
            "It wasn't hitting at first, it was little things, who I talked to, what I wore.",
            "The refuge saved my life, I mean that.", "I had to change my number three times.",
            "I didn't call it abuse for years. I thought that's just how it was.",
        ],
        "actions": [
            "completed a DASH risk assessment", "referred {him} to Refuge and the local IDVA service",
            "made a MARAC referral with {his} consent", "agreed safe times to call",
            "gave {him} the National Domestic Abuse Helpline number",
            "went through a safety plan, including a bag by the door",
            "liaised with the housing team about an emergency move",
        ],
        "questions": [
            "Do you feel safe at home?", "Has anyone ever made you feel frightened at home?",
            "What support did you get when you left?",
        ],
        "venues": ["the women's group", "the school gate", "the drop-in"],
    },
    "loneliness_isolation": {
        "facts": [
            "{he} lives alone and hasn't spoken to anyone in {duration}",
            "{he} misses the lunch club since it closed",
            "{he} has no family nearby and {his} children live {far_place}",
            "nobody visits any more since {neighbour} moved away",
            "{he} sits by the window most days watching the street", "the television is {his} only company",
            "{he} goes to the shop every day just to talk to someone at the till",
            "{he} has hardly been past the front door for {duration}", "{he} feels invisible since retiring",
            "{he} just wants someone to have a cup of tea with",
            "{he} cares for {his} partner full time and rarely gets out",
            "weekends are the hardest because nothing is open", "{his} friends have all moved away or passed on",
            "{he} feels cut off and the days all blur into one", "{he} used to go to the social club but it shut",
        ],
        "voice": [
            "Some days the only person I speak to is the man in the corner shop.",
            "The house is so quiet. You notice the clock ticking.", "I'd go to the lunch club but it shut.",
            "You can go a whole week and not hear your own voice.", "{my_rel} rings on a Sunday, that's about it.",
            "I don't want to be a bother to anyone.", "The evenings are long, especially in winter.",
            "I talk to the cat more than to people, if I'm honest.",
            "All my friends have moved away. It's just me now.",
        ],
        "actions": [
            "referred {him} to the befriending service", "signed {him} up for the Wednesday coffee morning",
            "arranged a weekly telephone befriender", "linked {him} with Age UK for a home visit",
            "passed {his} details to the social prescriber at the GP surgery", "gave {him} the Silver Line number",
            "invited {him} to the knit and natter group",
        ],
        "questions": [
            "Who do you talk to in a normal week?", "Do you ever feel lonely?",
            "What would help you get out more?",
        ],
        "venues": ["the coffee morning", "the lunch club", "the knit and natter group"],
    },
    "debt_money": {
        "facts": [
            "{he} is behind on council tax and the bailiffs have written",
            "Universal Credit deductions leave {him} with {small_amount} a week for bills",
            "{he} has rent arrears of {arrears}", "{he} took out a payday loan to cover {bill}",
            "{he} can't afford the energy bills and keeps running out on the prepayment meter",
            "{he} owes {debt_total} across {n_cards} credit cards",
            "the Universal Credit advance is still being clawed back",
            "{his} PIP was stopped after a reassessment and {he} is appealing",
            "{he} has a final demand from the water company", "{he} has been borrowing from a doorstep lender",
            "{he} has stopped opening the post because it is all bills",
            "a sanction from the jobcentre left {him} with nothing for {duration}",
            "{he} is using buy now pay later for basics",
            "{his} overdraft is maxed out and the bank has charged {him} again",
            "{he} is paying one credit card off with another",
            "the council tax summons added {court_costs} in court costs",
        ],
        "voice": [
            "The brown envelopes just pile up. I can't open them.",
            "After the deductions I get {small_amount} a week, and that's for everything.",
            "I borrowed off a loan shark, I know, I know.", "The bailiffs came round while the kids were home.",
            "Council tax, water, the electric, it never stops.",
            "I was sanctioned for missing one appointment at the jobcentre.",
            "I'm paying one credit card off with the other.", "Every month I'm short by about {amount}.",
            "They stopped my PIP and I had to go to tribunal to get it back.",
            "The meter eats the money. I put {small_amount} in and it's gone in days.",
        ],
        "actions": [
            "referred {him} to Citizens Advice for a debt appointment",
            "helped {him} apply for the council tax reduction scheme", "completed a benefits check with {him}",
            "put {him} in touch with StepChange",
            "helped write to the council asking them to put enforcement on hold",
            "supported {him} to request a mandatory reconsideration of the PIP decision",
            "applied for a household support fund grant towards the energy arrears",
        ],
        "questions": [
            "How are you managing with bills at the moment?", "Have you had any problems with Universal Credit?",
            "Is there anything you owe that worries you?",
        ],
        "venues": ["the advice drop-in", "the money advice surgery", "the benefits advice session"],
    },
    "housing_homelessness": {
        "facts": [
            "there is damp and mould in the {kids}' bedroom",
            "the landlord served a section 21 notice {when_past}",
            "{he} has been sofa surfing at friends' since losing the flat",
            "{he} is waiting for the council to rehouse {him}", "{he} is in temporary accommodation {ta_detail}",
            "the flat is overcrowded, {n_people} people in two rooms",
            "the landlord won't fix the boiler and there's no hot water",
            "the housing association has ignored repair requests for {duration}",
            "{he} slept rough for {n_nights} nights last month",
            "{he} has been on the housing register in band {band} for years with no movement",
            "the bathroom ceiling is coming down", "the council has said {he} is intentionally homeless",
            "the rent has gone up by {rent_rise} a month and {he} is being priced out",
            "{he} is worried the mould is making {his} chest worse",
            "the windows don't shut properly and the place is freezing",
        ],
        "voice": [
            "The mould comes back every time. We bleach it and it's back in a week.",
            "We're four of us in one room in the hostel.",
            "I've been on the housing list for years now and nothing's moved.",
            "The landlord just stopped answering my calls.", "I was sleeping in my car for a while.",
            "I got the section 21 and I just froze.", "There's no hot water, I boil the kettle to wash the kids.",
            "Temporary accommodation, they said. That was two years ago.",
            "The kids' clothes smell of damp, they get picked on at school for it.",
        ],
        "actions": [
            "made a homelessness application with {him}",
            "referred {him} to Shelter for advice on the eviction notice",
            "chased the housing association about the repairs", "contacted environmental health about the damp",
            "helped {him} bid for properties on the housing register",
            "found an emergency bed at the night shelter",
            "wrote a letter supporting medical priority on the housing register",
        ],
        "questions": [
            "Tell me about where you're living at the moment.", "Have you had any problems with your landlord?",
            "Is your home warm and dry?",
        ],
        "venues": ["the housing surgery", "the night shelter", "the advice drop-in"],
    },
    "digital_exclusion": {
        "facts": [
            "{he} doesn't have a smartphone or internet at home",
            "{he} couldn't fill in the online Universal Credit form",
            "the {kids} are doing homework on one phone with no data", "{he} needs help learning to use email",
            "{he} missed messages on {his} online journal because {he} can't log in",
            "the GP surgery only books appointments online now and {he} can't manage it",
            "{his} phone is too old to download the apps",
            "{he} can't afford broadband so relies on the library computers",
            "{he} gets stuck at the identity check every time", "{he} has no one to help with passwords",
            "{he} runs out of mobile data by the middle of the month",
            "{he} was told to apply online for a blue badge and gave up",
            "the parking permits are now app-only and {he} has no way to get one",
        ],
        "voice": [
            "Everything's online now. I haven't got the internet.",
            "My grandson set up the email but I can't remember the password.",
            "The kids share my phone for homework, there's no laptop.",
            "I ran out of data so I missed the message about my claim.",
            "I went to the library but the computers were all booked.",
            "I'm scared of pressing the wrong thing and losing it all.", "They said download the app. What app?",
            "I can't do the online forms, I need a person to talk to.",
        ],
        "actions": [
            "booked {him} onto the digital skills sessions at the library", "set up an email account with {him}",
            "lent {him} a tablet and data SIM from the device bank", "helped {him} log in to the online journal",
            "gave {him} a free data SIM from the National Databank",
            "sat with {him} to book the GP appointment online",
        ],
        "questions": [
            "Do you have internet at home?", "How do you get on with doing things online?",
            "Who helps you with forms and apps?",
        ],
        "venues": ["the library session", "the digital help drop-in", "the tech cafe"],
    },
    "mental_health": {
        "facts": [
            "{he} is struggling with anxiety and can't leave the house", "{he} has low mood and is not sleeping",
            "{he} is on the waiting list for talking therapy, {wait} so far",
            "{he} feels overwhelmed and hopeless", "{he} has had panic attacks in the supermarket",
            "{he} has had thoughts of self-harm",
            "{he} stopped taking {his} antidepressants because of the side effects",
            "{he} has barely got out of bed for {duration}", "{he} is struggling to cope and feels like a failure",
            "{he} was discharged by the crisis team with no follow-up",
            "{he} feels constantly on edge and tearful", "{gp} has increased {his} medication",
            "{he} has stopped answering the phone and can't concentrate on anything",
            "{his} depression has come back since the winter", "{he} feels numb most days",
        ],
        "voice": [
            "Some mornings I can't get out of bed, I just can't.",
            "My head's all over the place, I can't switch off.",
            "I've been on the waiting list for counselling for {wait}.",
            "The anxiety's that bad I haven't been to the shops in weeks.", "I put a brave face on for the kids.",
            "I had a panic attack in the queue and had to leave my shopping.",
            "I don't sleep. I lie there going over everything.", "The GP just upped my tablets.",
            "Some days I don't see the point, to be honest.",
            "Talking to someone at Mind helped more than I expected.",
        ],
        "actions": [
            "referred {him} to the talking therapies service",
            "gave {him} the Samaritans number and details of the Mind drop-in",
            "encouraged {him} to book a GP appointment",
            "agreed a safety plan and checked who {he} can call at night",
            "made a referral to the community mental health team", "booked {him} onto the wellbeing course",
        ],
        "questions": [
            "How have you been feeling in yourself lately?",
            "Have you been able to get any support for your mental health?", "What helps on the bad days?",
        ],
        "venues": ["the wellbeing cafe", "the peer support group", "the drop-in"],
    },
    "youth_education_employment": {
        "facts": [
            "{he} left college and can't find work", "{he} wants an apprenticeship but no one replies",
            "{rel_child} was excluded from school and has been hanging around",
            "{he} needs help writing a CV for {his} first job",
            "{he} has not been in education, employment or training since leaving sixth form",
            "{he} has applied for {n_jobs} jobs and heard nothing back", "{rel_child} is refusing to go to school",
            "{he} wants to get into {trade} but can't afford the course",
            "{he} lost {his} zero-hours shifts at the warehouse",
            "{rel_child} is on a reduced timetable at school",
            "{he} has interviews lined up but no smart clothes to wear",
            "{he} has been told {he} needs a DBS check for the job and doesn't know how to get one",
            "{rel_child} dropped out of college in the first term",
        ],
        "voice": [
            "I've sent off loads of applications, nobody even replies.",
            "College wasn't for me. I don't know what is.", "{my_child} has been excluded twice this year.",
            "Everyone wants experience, but how do you get experience?",
            "I want to be an electrician but the course costs money.",
            "I've got no one to ask about jobs, nobody in my family works.",
            "The careers person at school saw me once, for ten minutes.",
        ],
        "actions": [
            "referred {him} to the youth employment hub", "helped {him} put together a CV",
            "booked a careers guidance session", "linked {him} with the jobcentre youth work coach",
            "found {him} a place on a construction skills course",
            "contacted the school about a reintegration meeting",
        ],
        "questions": [
            "What have you been doing since leaving school?", "What kind of work would you like to do?",
            "What gets in the way of finding work?",
        ],
        "venues": ["the youth hub", "the jobs club", "the careers fair"],
    },
    "bereavement": {
        "facts": [
            "{lost_rel} died {when_past} and {he} is still grieving", "{he} can't afford the funeral",
            "{he} lost {lost_rel} during lockdown and never got to say goodbye",
            "{he} has been struggling since the death of {lost_rel}", "{he} still sets two places at the table",
            "{he} has to deal with probate and the bank and doesn't know where to start",
            "{he} is angry with the hospital about how {lost_rel} was treated at the end",
            "the anniversary is coming up and {he} is dreading it", "{he} cried when talking about {lost_rel}",
            "{he} hasn't been able to sort through the wardrobe since the funeral",
            "{he} had to stop work to organise the funeral",
        ],
        "voice": [
            "I keep thinking I'll hear the key in the door.", "We were married forty-one years.",
            "The funeral cost {funeral_cost}, where am I meant to find that?",
            "I never got to say goodbye, they wouldn't let us in.",
            "People stop asking after a few weeks, don't they?", "I still talk to {my_lost} every night.",
            "Since {my_lost} died I've not known what to do with myself.",
        ],
        "actions": [
            "referred {him} to Cruse for bereavement counselling",
            "helped {him} apply for a Funeral Expenses Payment",
            "gave {him} details of the bereavement support group", "explained the Tell Us Once service",
            "sat with {him} while {he} rang the bank about the joint account",
        ],
        "questions": [
            "You mentioned you lost someone recently. How are you coping?",
            "What support did you get after the funeral?",
        ],
        "venues": ["the bereavement cafe", "the drop-in"],
    },
    "green_public_space": {
        "facts": [
            "the park is full of litter and broken glass", "there's nowhere safe for the {kids} to play",
            "the community garden keeps {him} going", "the playground at {park} has been closed for months",
            "{he} is afraid to walk through {park} after dark since the lights stopped working",
            "{he} has been on the allotment waiting list for {years} years",
            "the benches at {park} have been taken out so {he} can't rest on the way",
            "fly-tipping at the end of the road has been there for weeks",
            "the toilets in {park} are always locked",
            "{he} volunteers at the community garden and says it keeps {him} sane",
            "the grass on the estate hasn't been cut all summer", "the playing field is covered in dog mess",
        ],
        "voice": [
            "There's nowhere for the kids to go, the park's a mess.", "The allotment is my therapy, honestly.",
            "They took the swings out and never put them back.",
            "I won't go through {park} at night, there are no lights.",
            "We used to have a lovely green, now it's all fly-tipping.",
            "Being outside with my hands in the soil, it's the only time I relax.",
        ],
        "actions": [
            "reported the fly-tipping to the council", "invited {him} to the Saturday gardening group",
            "passed the complaint about the playground to the parks team",
            "put {him} in touch with the friends of the park group", "signed {him} up for the litter pick",
        ],
        "questions": ["Do you use the local parks or green spaces?", "What's the area like for families?"],
        "venues": ["the community garden", "the litter pick", "the park cafe"],
    },
    "transport_access": {
        "facts": [
            "the {bus_route} bus was cut to twice a week so {he} can't get to {hospital} for appointments",
            "{he} has no car and a taxi to {hospital} costs {taxi_fare} each way",
            "{he} missed {his} {clinic} appointment because the bus didn't turn up",
            "the timetable changed in {month} and now the last bus back from {town} is at {bus_time}",
            "{he} had to sell the car and now relies on lifts from neighbours",
            "community transport is booked up weeks ahead",
            "{he} was refused patient transport because {he} can walk a short distance",
            "the nearest bus stop is {distance} away {stop_path}",
            "{he} can't afford the diesel for the hospital runs any more",
            "the station at {station} has no step-free access so {he} can't use the train",
            "{he} waited {wait_hours} in {town} for the connecting bus",
            "the dial-a-ride minibus no longer covers {his} {locality}",
            "{he} had to cancel {his} physio because nobody could drive {him}",
            "the {bus_route} bus now terminates in {town} and {he} can't manage the walk from there",
            "getting to the {clinic} clinic means two buses and most of the day",
        ],
        "voice": [
            "Since they cut the {bus_route} there's one bus on a Tuesday and that's it.",
            "I had to get a taxi to {hospital}, {taxi_fare} there and back.",
            "No car, no bus, how am I meant to get anywhere?",
            "The timetable changed and nobody told us. I stood at the stop for an hour.",
            "I've missed two appointments now because I couldn't get there.",
            "The volunteer drivers are brilliant but there aren't enough of them.",
            "If you don't drive out here, you're stuck.",
            "A hospital appointment is a whole day out, two buses each way.",
        ],
        "actions": [
            "booked the community transport minibus for {his} next appointment",
            "helped {him} claim back travel costs through the Healthcare Travel Costs Scheme",
            "asked the volunteer driver scheme to take {him} to {hospital}",
            "wrote to the council about the cut to the {bus_route} bus",
            "arranged a lift with a volunteer driver", "checked eligibility for non-emergency patient transport",
        ],
        "questions": [
            "How do you get to appointments and the shops?", "What's the bus service like where you live?",
            "Have you ever missed an appointment because you couldn't get there?",
        ],
        "venues": ["the village hall", "the market day stall", "the mobile library stop"],
    },
}

# Theme-neutral material: general chat, service feedback and padding. No theme vocabulary here.
GENERAL = {
    "facts": [
        "{he} came in mainly for a chat about the new opening times", "{he} finds the volunteers always friendly",
        "{he} asked about the Christmas party",
        "{he} enjoyed the quiz night and wants to bring a friend next time",
        "{he} talked about the football and {his} plans for the weekend",
        "{he} wanted to know whether the centre is open over the bank holiday",
        "{he} dropped off a thank-you card for the team", "{he} is interested in volunteering on reception",
        "{he} asked for a copy of the newsletter",
        "{he} thinks the Tuesday session works better than the Friday one",
        "{he} offered to help with the summer fair",
        "{he} thinks the new signs outside make the building easier to find",
        "{he} wants the centre to run a book swap", "{he} brought in cakes for the volunteers",
        "{he} asked whether there is parking nearby", "{he} has started coming to the Friday craft session",
    ],
    "voice": [
        "I just come in for a natter, really.", "The people here are lovely, they always have time for you.",
        "It's better since they changed the opening times.", "I'd like to help out, if you need volunteers.",
        "The building's a bit hard to find, mind.",
        "I found out about this place from a leaflet through the door.",
        "My neighbour told me about it, she comes on a Thursday.", "The tea's good and nobody rushes you.",
        "I'd come more if it was open on a Saturday.", "The quiz night is a laugh. I've been three times now.",
        "They helped me with a form once and I've been coming ever since.",
        "You always get a proper welcome at the door.", "I like that you don't have to book, you just turn up.",
        "It's nice to have somewhere to go where people know your name.",
        "The new chairs are much better, I'll say that.",
        "I've told my friends about it, a couple of them come now.",
        "If I'm honest I came for the biscuits the first time.",
    ],
    "questions": [
        "How did you hear about the centre?", "What do you think of the service?",
        "What do you like about coming here?", "What would make it easier to come along?",
        "Do you know other people who use the centre?", "Is there anything we could do better?",
    ],
}

FILLERS: dict[str, list[str]] = {
    "kids": ["kids", "children", "little ones", "two girls", "three boys", "twins", "grandchildren"],
    "duration": ["a week", "over a fortnight", "three weeks", "a month", "days", "six weeks"],
    "when_past": [
        "last month", "in the spring", "before Christmas", "in the summer", "a few weeks ago", "last year",
        "in January",
    ],
    "days": ["five days", "a week", "ten days", "three days"],
    "amount": ["£20", "£30", "£40", "£25", "£50"],
    "small_amount": ["£10", "£15", "£20", "£12", "£25"],
    "voucher": ["£20", "£30", "£15"],
    "arrears": ["£640", "£1,200", "£2,350", "£890", "£3,100"],
    "debt_total": ["£4,000", "£7,500", "£2,800", "£11,000"],
    "court_costs": ["£70", "£85", "£120"],
    "n_cards": ["two", "three", "four"],
    "bill": ["the rent", "a school uniform", "the gas bill", "the car repair", "the kids' shoes"],
    "pantry_item": ["a tin of beans", "half a bag of pasta", "some rice", "a jar of jam", "teabags"],
    "cheap_food": ["toast and noodles", "tinned soup", "pasta and ketchup", "cereal", "instant noodles"],
    "ta_detail": [
        "in a single room in a hotel", "two boroughs away", "in a hostel", "miles from the kids' school",
        "in a B&B with a shared kitchen",
    ],
    "n_people": ["five", "six", "seven", "four"],
    "n_nights": ["three", "four", "several", "two"],
    "band": ["C", "B", "D"],
    "rent_rise": ["£150", "£200", "£120", "£250"],
    "years": ["two", "three", "five", "seven", "ten"],
    "wait": ["eight months", "five months", "nearly a year", "four months"],
    "n_jobs": ["forty", "dozens of", "over thirty", "twenty"],
    "trade": ["plumbing", "hairdressing", "electrics", "childcare", "motor mechanics", "catering"],
    "funeral_cost": ["four thousand pounds", "£3,800", "five grand", "£4,500"],
    "clinic": ["eye", "diabetes", "fracture", "cancer follow-up", "heart", "outpatients"],
    "month": ["September", "April", "January", "the spring"],
    "bus_time": ["ten past four", "half three", "quarter to five", "ten to four"],
    "taxi_fare": ["£45", "£60", "£38", "£70", "£55"],
    "wait_hours": ["two hours", "an hour and a half", "nearly three hours"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "mins": ["twenty", "forty", "thirty", "forty-five", "fifteen"],
}

# ---- voice frames ---------------------------------------------------------------------------------
# Case notes: terse, third person.
CASE_OPENERS = [
    "Visited {name} at home today.", "Home visit to {name} at {address}.",
    "{Name} came into the drop-in this morning.", "Phone call with {name}.",
    "Follow-up call to {name} re last week's visit.", "Drop-in. {name} attended with {rel}.",
    "Saw {name} at {venue} on {weekday}.", "Tel call w/ {first}.", "{Name} rang the office, upset.",
    "Home visit today.", "Client seen at the drop-in.", "Phone call with client.", "Client came in to {venue}.",
    "Follow-up call re last week's visit.", "Telephone contact.", "Client attended {venue} on {weekday}.",
    "Visited client at home.", "Client referred in by {gp}.", "Walk-in, no appointment.",
]
CASE_FRAMES = [
    "Client reports {fact}.", "Reports {fact}.", "{He} says {fact}.", "{Name} says {fact}.", "States {fact}.",
    "Disclosed that {fact}.", "{He} told me {fact}.", "Mentioned {fact}.", "Worried that {fact}.",
    "Also raised that {fact}.", "{fact}.", "{fact}.", "Says {fact}.", "{Name} explained {fact}.",
    "Client states {fact}.", "Discussed how {fact}.", "Cl reports {fact}.", "{He} confirmed {fact}.",
]
CASE_ACTIONS = [
    "{action}.", "Action: {action}.", "I {action}.", "We {action}.", "{Worker} {action}.", "Today {action}.",
    "Agreed next steps and {action}.",
]
CASE_CONTEXT = [
    "Client was polite and engaged throughout.", "Spoke for around {mins} minutes.", "{He} was keen to talk.",
    "Interpreter not required.", "{He} would prefer contact by phone.", "{He} seemed tired today.",
    "{He} was accompanied by {rel}.", "Explained what the service can and can't help with.",
    "{He} has used the service before.", "Information leaflet given.", "Consent to share information given.",
    "{He} asked that we don't call before ten.", "Seen in the small meeting room.", "Visit lasted about an hour.",
    "{He} was tearful at times but wanted to carry on.", "Plan agreed with {him}.",
    "Discussed what {he} would like to happen next.", "{He} brought the letters with {him} this time.",
    "Short visit, {he} had another appointment.", "{He} was more settled than last time.",
    "{He} is hard of hearing so spoke slowly.", "{He} wants to think about it before agreeing anything.",
    "Spoke to {him} on the doorstep first, then went in.", "{He} was worried about being judged.",
    "{He} said it helped to talk it through.", "Checked {he} was happy for notes to be kept.",
    "Running late, so kept it brief.", "{He} has been let down by services before.",
]
CASE_ADMIN = [
    "Tel {phone}.", "Contact number {phone}.", "Phone: {phone}.", "Best number is {phone}, after 4pm.",
    "Email {email}.", "Prefers email: {email}.", "Address: {address}, {postcode}.",
    "Lives at {address}, {postcode}.", "Now at {address}.", "New address {address}, {postcode}.", "Client {dob}.",
    "{Name}, {dob}.", "NHS no. {nhs}.", "NHS number {nhs}.", "NI {nino}.", "NINO {nino}.",
    "NI number {nino} (for the UC claim).", "Logged under {ref}.", "Council letter quotes {ref}.",
    "Postcode {postcode}.",
]
CASE_CLOSERS = [
    "Follow up in two weeks.", "Will call back on {weekday}.", "Next visit booked for {weekday}.",
    "Case to stay open.", "Closed for now, {he} knows how to get back in touch.", "Review at next contact.",
    "Will update the team meeting.", "Chase on {weekday} if no reply.",
]
# Frontline anecdotes: first person, worker's voice.
ANEC_OPENERS = [
    "I spoke to a {desc} at {venue} who told me {fact}.", "Last {weekday} a {desc} came in to {venue}.",
    "A {desc} stopped me at {venue} this week.", "This one has stayed with me.",
    "I've been supporting {name} for a few months now.",
    "One of our regulars, {name}, came in to {venue} on {weekday}.", "I met {name} at {venue}.",
    "Quick one from {venue} this week.", "I was at {venue} when a {desc} asked if they could have a word.",
    "I sat with a {desc} at {venue} who said {fact}.",
]
ANEC_FRAMES = [
    "{He} told me {fact}.", "It turned out {fact}.", "{He} mentioned, almost in passing, that {fact}.",
    "What really struck me was that {fact}.", "{He} explained that {fact}.", "Apparently {fact}.",
    "I found out {fact}.", "{fact}.", "{He} said {fact}, and that's not unusual at the moment.",
    "The thing {he} kept coming back to was that {fact}.", "{He} went on to say that {fact}.",
    "{He} admitted {fact}.",
]
ANEC_ACTIONS = [
    "I {action}.", "We {action}.", "In the end I {action}.", "{Worker} {action}.", "Before {he} left we {action}.",
    "The next day I {action}.",
]
ANEC_CLOSERS = [
    "It stayed with me all afternoon.", "We're seeing this more and more.",
    "{He} was so grateful just to be listened to.", "I'm going to check in with {him} next week.",
    "It's not the first time I've heard this and it won't be the last.",
    "Honestly, it's hard to know what else we could have done.", "{He} left a bit lighter, I think.",
    "I keep thinking about {him}.",
]
ANEC_CONTEXT = [
    "{He} was very matter-of-fact about it.", "You could see how tired {he} was.", "We talked for a good while.",
    "{He} kept apologising for taking up my time.", "It took a while for {him} to open up.",
    "{He} had clearly been holding it together for a long time.",
    "{He} said it was the first time {he} had told anyone.", "We've had three like this in the last month alone.",
    "{He} laughed about it, but you could tell.", "I made {him} a cup of tea and we just sat for a bit.",
    "{He} said it in a really flat voice, like it was normal.",
    "It's the kind of thing people don't tell you straight away.", "{He} was worried I'd think less of {him}.",
    "I don't think {he} had told anyone else.", "Every week there's someone new with a story like this.",
    "{He} was polite, almost apologetic, the whole time.", "It was a busy session, but I made time.",
]
DESCRIPTORS = {
    "f": [
        "mum", "grandmother", "woman in her forties", "young woman", "woman in her seventies", "retired nurse",
        "single mum",
    ],
    "m": [
        "dad", "grandad", "man in his fifties", "young lad", "man in his eighties", "retired postman",
        "single dad",
    ],
}
GENERIC_VENUES = ["the drop-in", "the community centre", "the warm space", "the Tuesday session", "the hub"]
# Interview transcripts.
TRANSCRIPT_HEADERS = [
    "Interview with {full}, {area_name}, {month_year}.", "Interview excerpt, {area_name}, {month_year}.",
    "[Transcript extract, resident interview, {area_name}]",
]
INTRO_QUESTIONS = [
    "Can you tell me a bit about yourself?", "Could you start by telling me a little about yourself?",
    "Thanks for talking to us. Tell me a bit about you and your household.",
]
INTRO_ANSWERS = [
    "I've lived in {area_name} about {years} years. It's me and {my_rel}.",
    "Most of my life, really. Me, my partner and the {kids}.", "A few years now. It's just me and the dog.",
    "I moved here for work. I'm at {address} now.", "Born and bred. {My_rel} lives round the corner.",
]
FOLLOW_UPS = ["And did anyone help with that?", "Did you get any support?", "What happened then?"]
HELPERS = [
    "The lady at the drop-in", "Someone at the centre", "A volunteer", "The worker", "{Worker}",
    "The woman from the project",
]
MORE_PROMPTS = [
    "Can you say a bit more about that?", "What's that like, day to day?", "Go on.", "How does that affect you?",
    "Has it always been like that?",
]
MARKERS = ["", "", "Yeah. ", "Well, ", "Honestly? ", "Oh, ", "Mm. ", "To be honest, ", "I mean, "]
# Used when a note meant to carry PII ended up without any.
FALLBACK_NAMES = {
    "case_note": ["Client name: {full}.", "Name: {full}.", "Client: {full}."],
    "anecdote": [
        "{Name} was happy for me to share this.", "{Name} said I could pass this on.",
        "(Name: {first}, shared with permission.)", "I've since heard from {name} and things are a bit better.",
    ],
    "transcript": ["Interviewer: Thanks, {first}.", "Interviewer: Thank you, {first}, that's really helpful."],
}
CLOSING = [
    ("Is there anything else you'd like to tell us?", "No, I think that's everything. Thanks for listening."),
    ("Anything else?", "Just that people should listen more, really."),
    ("Can we get back in touch if we need to?", "Yeah, ring me on {phone}."),
    ("Thank you, {first}. That's really helpful.", "No problem, love."),
]
