// The shipped model, bundled as a JSON module so the pipeline needs no file I/O.

import { parseModel, type Model } from './classifier.ts';
import data from './model.json' with { type: 'json' };

export const shippedModel: Model = parseModel(data as unknown);
