"""The project's namespace: one DefinedNamespace, so a typo in a term fails at import."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

NS = "https://w3id.org/kg-news/ns#"
ID = Namespace("https://w3id.org/kg-news/id/")


class KG(DefinedNamespace):
    _NS = Namespace(NS)
    _fail = True

    Actor: URIRef
    Person: URIRef
    State: URIRef
    Organization: URIRef
    Place: URIRef
    Claim: URIRef
    Measure: URIRef
    Meeting: URIRef
    Document: URIRef
    Evidence: URIRef
    MeetingKind: URIRef
    MeetingStatus: URIRef
    InPerson: URIRef
    Phone: URIRef
    Video: URIRef
    Multilateral: URIRef
    Held: URIRef
    Planned: URIRef
    Postponed: URIRef
    Proposed: URIRef
    said: URIRef
    text: URIRef
    direct: URIRef
    reportedBy: URIRef
    country: URIRef
    demands: URIRef
    addressee: URIRef
    rejects: URIRef
    demandedBy: URIRef
    heldOn: URIRef
    participant: URIRef
    heldIn: URIRef
    meetingKind: URIRef
    status: URIRef
    dateText: URIRef
    confidence: URIRef
    evidence: URIRef
    sentence: URIRef
    sentenceBefore: URIRef  # the sentences around the evidence sentence in its document
    sentenceAfter: URIRef
    startOffset: URIRef
    endOffset: URIRef
    rule: URIRef
    mentions: URIRef
    sourceFile: URIRef
    inputDigest: URIRef
    lexiconVersion: URIRef
    usedRule: URIRef
