"""The analysis layer: each sentence analysed once into predicate–argument frames (kg.analysis.frames), over
shared grammar (kg.analysis.grammar); discourse state carried between sentences as a value
(kg.analysis.discourse)."""

from kg.analysis.frames import Arg, Complement, Frame, SentenceFrames, frames

__all__ = ["Arg", "Complement", "Frame", "SentenceFrames", "frames"]
