"""Highlights and notes on sources: the store, anchoring to changing text, and export.

Import from the modules (`store`, `session`, `placement`, `anchoring`, `export`, ...): this
package imports nothing, so a part (the store, say) loads without the rest.
"""
