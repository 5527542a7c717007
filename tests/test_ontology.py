"""The vocabulary is a contract: every term the code uses is declared in ontology/kg.ttl."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from kg.vocab import KG

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"
CONTRACT = ["Actor", "Person", "State", "Organization", "Place", "Claim", "Measure", "Meeting", "Document",
            "said", "text", "demands", "addressee", "heldOn", "participant", "heldIn"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


@pytest.mark.parametrize("name", sorted(KG.__annotations__))
def test_every_vocab_term_is_declared(ontology, name):
    assert (URIRef(KG[name]), RDF.type, None) in ontology, f"kg:{name} is used in code but not declared"


@pytest.mark.parametrize("name", CONTRACT)
def test_contract_names_are_kept(name):
    assert name in KG.__annotations__


def test_the_ontology_is_an_owl_ontology(ontology):
    assert (None, RDF.type, OWL.Ontology) in ontology
